import { defineMessages } from '../catalog';

/** Messages of the map legend, classification, charts and the URL codec. */
export const viewsMessages = defineMessages(
  {
    // classification
    methodLabel: 'Klassifizierung',
    methodSelectLabel: 'Methode',
    method_quantile: 'Quantile (gleiche Anzahl)',
    method_equal: 'Gleiche Intervalle',
    method_jenks: 'Natürliche Unterbrechungen (Jenks)',
    method_stddev: 'Standardabweichung',
    method_manual: 'Manuelle Grenzen',
    classesLabel: 'Anzahl Klassen',
    sdStepLabel: 'Klassenbreite (Standardabweichungen)',
    manualBreaksLabel: 'Klassengrenzen (durch Semikolon getrennt)',
    sdStep1: '1 Standardabweichung',
    sdStepHalf: '0,5 Standardabweichungen',
    breakLabel: (i: number) => `Grenze ${i}`,
    addBreak: 'Grenze hinzufügen',
    removeBreak: (i: number) => `Grenze ${i} entfernen`,
    applyBreaks: 'Grenzen übernehmen',
    breaksInvalid: 'Bitte nur Zahlen eingeben, jede Grenze höchstens einmal (1 bis 8 Grenzen).',
    paletteLabel: 'Farbskala',
    note_classesClamped: (requested: number, used: number) =>
      `${requested} Klassen sind nicht möglich, es werden ${used} verwendet.`,
    note_fewerClasses: (requested: number, used: number) =>
      `Wegen gleicher Werte ergeben sich nur ${used} statt ${requested} Klassen.`,
    note_manualBreaksInvalid: 'Die manuellen Grenzen sind ungültig; es werden Quantile verwendet.',
    note_noValues: 'Für diesen Indikator liegen keine Werte vor.',
    note_zeroSpread: 'Alle Werte sind gleich; es gibt nur eine Klasse.',

    // legend
    legend: 'Legende',
    legendColour: 'Farbe',
    legendClass: 'Wertebereich',
    legendCount: 'Anzahl',
    noData: 'keine Daten',
    suppressed: 'unterdrückt (Datenschutz)',
    range: (lo: string, hi: string) => `${lo} – ${hi}`,
    upTo: (hi: string) => `bis ${hi}`,
    above: (lo: string) => `über ${lo}`,
    sdUnit: 'Std.-Abw.',
    sdRange: (lo: string, hi: string) => `${lo} bis ${hi} Std.-Abw.`,
    sdBelow: (hi: string) => `unter ${hi} Std.-Abw.`,
    sdAbove: (lo: string) => `über ${lo} Std.-Abw.`,
    legendSummary: (method: string, classes: number, total: number) =>
      `${method}, ${classes} Klassen, ${total} Gebiete bzw. Einrichtungen`,

    // histogram
    histogram: 'Histogramm',
    histogramSummary: (name: string, n: number, min: string, max: string, missing: number) =>
      `Histogramm ${name}: ${n} Werte von ${min} bis ${max}${missing > 0 ? `, ${missing} ohne Wert` : ''}`,
    histogramEmpty: (name: string) => `Histogramm ${name}: keine Werte`,
    rangeMin: 'Von (Minimum)',
    rangeMax: 'Bis (Maximum)',
    applyRange: 'Bereich filtern',
    clearRange: 'Filter aufheben',
    rangeInvalid: 'Bitte Zahlen eingeben; das Minimum darf nicht größer als das Maximum sein.',
    rangeActive: (lo: string, hi: string) => `Filter aktiv: ${lo} bis ${hi}`,
    binLabel: (lo: string, hi: string, n: number) => `${lo} bis ${hi}: ${n}`,

    // scatter
    scatter: 'Streudiagramm',
    scatterSummary: (x: string, y: string, n: number, r: string) =>
      `Streudiagramm: ${y} gegen ${x}, ${n} Punkte, Korrelation r = ${r}`,
    scatterMissing: (n: number) => `${n} ohne vollständige Werte nicht dargestellt`,
    scatterPoint: (label: string, x: string, y: string) => `${label}: ${x}; ${y}`,
    scatterPoints: 'Punkte (mit Pfeiltasten wechseln, Eingabe wählt aus)',
    selectPoint: 'Punkt auswählen',
    noSelection: '– keine Auswahl –',

    // bars
    barsEmpty: 'Keine Werte',

    // URL
    url_unknownParam: (name: string) => `Unbekannter Link-Parameter „${name}“ wurde ignoriert.`,
    url_invalidValue: (name: string, value: string) =>
      `Ungültiger Wert „${value}“ für Link-Parameter „${name}“ wurde ignoriert.`,
    url_duplicate: (name: string) => `Link-Parameter „${name}“ kommt mehrfach vor; nur der erste Wert gilt.`,
    url_unknownLevel: (value: string) => `Unbekannte Gebietsebene „${value}“ im Link wurde ignoriert.`,
    url_unknownIndicator: (value: string) => `Unbekannter Indikator „${value}“ im Link wurde ignoriert.`,
    url_outOfBounds: (name: string) =>
      `Der Wert für „${name}“ im Link liegt außerhalb des erlaubten Bereichs und wurde ignoriert.`,
    url_tooLong: 'Der Link ist zu lang und wurde ignoriert.',
    url_tooMany: (name: string, max: number) =>
      `Link-Parameter „${name}“ hat zu viele Werte; nur die ersten ${max} werden verwendet.`,
  },
  {
    methodLabel: 'Classification',
    methodSelectLabel: 'Method',
    method_quantile: 'Quantiles (equal count)',
    method_equal: 'Equal intervals',
    method_jenks: 'Natural breaks (Jenks)',
    method_stddev: 'Standard deviation',
    method_manual: 'Manual breaks',
    classesLabel: 'Number of classes',
    sdStepLabel: 'Class width (standard deviations)',
    manualBreaksLabel: 'Class breaks (separated by semicolons)',
    sdStep1: '1 standard deviation',
    sdStepHalf: '0.5 standard deviations',
    breakLabel: (i: number) => `Break ${i}`,
    addBreak: 'Add break',
    removeBreak: (i: number) => `Remove break ${i}`,
    applyBreaks: 'Apply breaks',
    breaksInvalid: 'Please enter numbers only, each break at most once (1 to 8 breaks).',
    paletteLabel: 'Colour scale',
    note_classesClamped: (requested: number, used: number) =>
      `${requested} classes are not possible; using ${used}.`,
    note_fewerClasses: (requested: number, used: number) =>
      `Tied values leave only ${used} instead of ${requested} classes.`,
    note_manualBreaksInvalid: 'The manual breaks are invalid; using quantiles.',
    note_noValues: 'There are no values for this indicator.',
    note_zeroSpread: 'All values are equal; there is only one class.',

    legend: 'Legend',
    legendColour: 'Colour',
    legendClass: 'Value range',
    legendCount: 'Count',
    noData: 'no data',
    suppressed: 'suppressed (privacy)',
    range: (lo: string, hi: string) => `${lo} – ${hi}`,
    upTo: (hi: string) => `up to ${hi}`,
    above: (lo: string) => `above ${lo}`,
    sdUnit: 'SD',
    sdRange: (lo: string, hi: string) => `${lo} to ${hi} SD`,
    sdBelow: (hi: string) => `below ${hi} SD`,
    sdAbove: (lo: string) => `above ${lo} SD`,
    legendSummary: (method: string, classes: number, total: number) =>
      `${method}, ${classes} classes, ${total} areas or institutions`,

    histogram: 'Histogram',
    histogramSummary: (name: string, n: number, min: string, max: string, missing: number) =>
      `Histogram ${name}: ${n} values from ${min} to ${max}` +
      (missing > 0 ? `, ${missing} without value` : ''),
    histogramEmpty: (name: string) => `Histogram ${name}: no values`,
    rangeMin: 'From (minimum)',
    rangeMax: 'To (maximum)',
    applyRange: 'Filter range',
    clearRange: 'Clear filter',
    rangeInvalid: 'Please enter numbers; the minimum must not exceed the maximum.',
    rangeActive: (lo: string, hi: string) => `Filter active: ${lo} to ${hi}`,
    binLabel: (lo: string, hi: string, n: number) => `${lo} to ${hi}: ${n}`,

    scatter: 'Scatter plot',
    scatterSummary: (x: string, y: string, n: number, r: string) =>
      `Scatter plot: ${y} against ${x}, ${n} points, correlation r = ${r}`,
    scatterMissing: (n: number) => `${n} without complete values not shown`,
    scatterPoint: (label: string, x: string, y: string) => `${label}: ${x}; ${y}`,
    scatterPoints: 'Points (arrow keys to move, Enter selects)',
    selectPoint: 'Select point',
    noSelection: '– no selection –',

    barsEmpty: 'No values',

    url_unknownParam: (name: string) => `Unknown link parameter “${name}” was ignored.`,
    url_invalidValue: (name: string, value: string) =>
      `Invalid value “${value}” for link parameter “${name}” was ignored.`,
    url_duplicate: (name: string) =>
      `Link parameter “${name}” occurs more than once; only the first value counts.`,
    url_unknownLevel: (value: string) => `Unknown area level “${value}” in the link was ignored.`,
    url_unknownIndicator: (value: string) => `Unknown indicator “${value}” in the link was ignored.`,
    url_outOfBounds: (name: string) => `The value for “${name}” in the link is out of range and was ignored.`,
    url_tooLong: 'The link is too long and was ignored.',
    url_tooMany: (name: string, max: number) =>
      `Link parameter “${name}” has too many values; only the first ${max} are used.`,
  },
);

export type ViewsMessages = typeof viewsMessages.de;
