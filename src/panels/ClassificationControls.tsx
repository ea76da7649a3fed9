import { type FormEvent, useEffect, useId, useState } from 'react';
import { viewsMessages } from '../i18n/messages/views';
import { useMessages } from '../i18n/useMessages';
import { CLASSIFY_METHODS, type ClassifyMethod, MAX_CLASSES, MIN_CLASSES } from '../indicators/classify';

export interface ClassificationValue {
  method: ClassifyMethod;
  classes: number;
  breaks?: number[];
  sdStep?: 1 | 0.5;
}

export interface ClassificationControlsProps {
  value: ClassificationValue;
  onChange: (next: ClassificationValue) => void;
  /** Breaks of the current classification: the starting point when switching to manual breaks. */
  currentBreaks?: readonly number[];
  /** Palette of the current classification (decorative preview). */
  palette?: readonly string[];
  /** Classification notes as sentences (classifyNoteTexts). */
  notes?: readonly string[];
}

const CLASS_COUNTS = Array.from({ length: MAX_CLASSES - MIN_CLASSES + 1 }, (_, i) => MIN_CLASSES + i);
const MAX_BREAKS = MAX_CLASSES - 1;

function tidy(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/** Method, class count, SD step and manual breaks; every control labelled, keyboard only is enough. */
export function ClassificationControls({
  value,
  onChange,
  currentBreaks,
  palette,
  notes,
}: ClassificationControlsProps) {
  const m = useMessages(viewsMessages);
  const id = useId();
  const [texts, setTexts] = useState<string[]>(() => (value.breaks ?? []).map(tidy));
  const [invalid, setInvalid] = useState(false);
  const breaksKey = JSON.stringify(value.breaks ?? []);
  useEffect(() => {
    setTexts((JSON.parse(breaksKey) as number[]).map(tidy));
    setInvalid(false);
  }, [breaksKey]);

  const setMethod = (method: ClassifyMethod) => {
    if (method === 'manual') {
      const start = (value.breaks?.length ? value.breaks : (currentBreaks ?? [])).slice(0, MAX_BREAKS);
      const breaks = start.length ? start.map((b) => Number(tidy(b))) : [0];
      onChange({ method, classes: breaks.length + 1, breaks });
    } else {
      onChange({
        method,
        classes: value.classes,
        ...(method === 'stddev' ? { sdStep: value.sdStep ?? 1 } : {}),
      });
    }
  };

  const applyBreaks = (e?: FormEvent) => {
    e?.preventDefault();
    const nums = texts.filter((t) => t.trim() !== '').map((t) => Number(t));
    const ok =
      nums.length >= 1 &&
      nums.length <= MAX_BREAKS &&
      nums.every(Number.isFinite) &&
      new Set(nums).size === nums.length;
    setInvalid(!ok);
    if (!ok) return;
    const breaks = [...nums].sort((a, b) => a - b);
    onChange({ method: 'manual', classes: breaks.length + 1, breaks });
  };

  return (
    <fieldset className="classification">
      <legend>{m.methodLabel}</legend>
      <div className="field">
        <label htmlFor={`${id}-method`}>{m.methodSelectLabel}</label>
        <select
          id={`${id}-method`}
          value={value.method}
          onChange={(e) => setMethod(e.currentTarget.value as ClassifyMethod)}
        >
          {CLASSIFY_METHODS.map((meth) => (
            <option key={meth} value={meth}>
              {m[`method_${meth}`]}
            </option>
          ))}
        </select>
      </div>
      {value.method !== 'manual' ? (
        <div className="field">
          <label htmlFor={`${id}-classes`}>{m.classesLabel}</label>
          <select
            id={`${id}-classes`}
            value={String(value.classes)}
            onChange={(e) => onChange({ ...value, classes: Number(e.currentTarget.value) })}
          >
            {CLASS_COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {value.method === 'stddev' ? (
        <div className="field">
          <label htmlFor={`${id}-sd`}>{m.sdStepLabel}</label>
          <select
            id={`${id}-sd`}
            value={value.sdStep === 0.5 ? '0.5' : '1'}
            onChange={(e) => onChange({ ...value, sdStep: e.currentTarget.value === '0.5' ? 0.5 : 1 })}
          >
            <option value="1">{m.sdStep1}</option>
            <option value="0.5">{m.sdStepHalf}</option>
          </select>
        </div>
      ) : null}
      {value.method === 'manual' ? (
        <form
          className="manual-breaks"
          onSubmit={applyBreaks}
          aria-describedby={invalid ? `${id}-err` : undefined}
        >
          <ol>
            {texts.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the inputs are positional (break 1, 2, …)
              <li key={i}>
                <label htmlFor={`${id}-b${i}`}>{m.breakLabel(i + 1)}</label>{' '}
                <input
                  id={`${id}-b${i}`}
                  type="number"
                  step="any"
                  inputMode="decimal"
                  value={t}
                  aria-invalid={invalid || undefined}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setTexts((old) => old.map((o, j) => (j === i ? v : o)));
                  }}
                  size={8}
                />{' '}
                <button
                  type="button"
                  onClick={() => setTexts((old) => old.filter((_, j) => j !== i))}
                  disabled={texts.length <= 1}
                  aria-label={m.removeBreak(i + 1)}
                >
                  ×
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            onClick={() => setTexts((old) => [...old, ''])}
            disabled={texts.length >= MAX_BREAKS}
          >
            {m.addBreak}
          </button>{' '}
          <button type="submit">{m.applyBreaks}</button>
          {invalid ? (
            <p id={`${id}-err`} role="alert" className="error">
              {m.breaksInvalid}
            </p>
          ) : null}
        </form>
      ) : null}
      {palette && palette.length > 0 ? (
        <div
          className="palette-preview"
          aria-hidden="true"
          title={m.paletteLabel}
          style={{ display: 'flex' }}
        >
          {palette.map((c) => (
            <span
              key={c}
              style={{ background: c, width: '1.5em', height: '0.75em', display: 'inline-block' }}
            />
          ))}
        </div>
      ) : null}
      {notes && notes.length > 0 ? (
        <ul className="classification-notes" aria-live="polite">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
