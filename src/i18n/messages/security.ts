import { defineMessages } from '../catalog';

/** Messages of the basemap setting (optional online basemap, issue #5). */
export const securityMessages = defineMessages(
  {
    sectionBasemap: 'Hintergrundkarte',
    basemapOffline: 'Standard: keine Online-Hintergrundkarte. Die App lädt nichts von anderen Servern.',
    basemapActive: (host: string) => `Online-Hintergrundkarte aktiv: Kacheln von ${host}`,
    basemapPrivacy:
      'Achtung: Mit einer Online-Hintergrundkarte lädt Ihr Browser Kartenkacheln von diesem Server. ' +
      'Der Betreiber erfährt dabei Ihre IP-Adresse und welchen Kartenausschnitt Sie ansehen. ' +
      'Die Daten der App (Tabellen, Importe) werden nicht übertragen.',
    basemapEnable: 'Online-Hintergrundkarte verwenden',
    basemapTemplate: 'Kachel-URL (Raster, mit {z}, {x}, {y})',
    basemapTemplateHint: 'z. B. https://kacheln.example.de/{z}/{x}/{y}.png – nur https.',
    basemapAttribution: 'Quellenangabe (Attribution) der Karte',
    basemapApply: 'Übernehmen und neu laden',
    basemapReloadNote:
      'Aus Sicherheitsgründen (Content-Security-Policy) wird die Seite dafür neu geladen; die Ansicht bleibt erhalten.',
    basemapSaveFailed: 'Die Einstellung konnte im Browser nicht gespeichert werden.',
    basemapError_empty: 'Bitte eine Kachel-URL eingeben.',
    basemapError_tooLong: 'Die Kachel-URL ist zu lang.',
    basemapError_invalid: 'Das ist keine gültige URL.',
    basemapError_notHttps: 'Nur https-Adressen sind erlaubt.',
    basemapError_credentials: 'Die URL darf keinen Benutzernamen oder kein Passwort enthalten.',
    basemapError_missingPlaceholders: 'Die URL muss {z}, {x} und {y} enthalten.',
    basemapError_unknownPlaceholder: 'Erlaubt sind nur die Platzhalter {z}, {x}, {y} und {ratio}.',
    basemapError_placeholderInHost: 'Platzhalter sind nur im Pfad erlaubt, nicht im Servernamen.',
  },
  {
    sectionBasemap: 'Basemap',
    basemapOffline: 'Default: no online basemap. The app loads nothing from other servers.',
    basemapActive: (host: string) => `Online basemap active: tiles from ${host}`,
    basemapPrivacy:
      'Note: with an online basemap your browser loads map tiles from this server. ' +
      'Its operator learns your IP address and which map area you are looking at. ' +
      'The app’s data (tables, imports) are not sent.',
    basemapEnable: 'Use an online basemap',
    basemapTemplate: 'Tile URL (raster, with {z}, {x}, {y})',
    basemapTemplateHint: 'e.g. https://tiles.example.org/{z}/{x}/{y}.png – https only.',
    basemapAttribution: 'Attribution of the map',
    basemapApply: 'Apply and reload',
    basemapReloadNote:
      'For security (Content-Security-Policy) the page reloads to apply this; the view is kept.',
    basemapSaveFailed: 'The setting could not be stored in this browser.',
    basemapError_empty: 'Please enter a tile URL.',
    basemapError_tooLong: 'The tile URL is too long.',
    basemapError_invalid: 'This is not a valid URL.',
    basemapError_notHttps: 'Only https addresses are allowed.',
    basemapError_credentials: 'The URL must not contain a user name or password.',
    basemapError_missingPlaceholders: 'The URL must contain {z}, {x} and {y}.',
    basemapError_unknownPlaceholder: 'Only the placeholders {z}, {x}, {y} and {ratio} are allowed.',
    basemapError_placeholderInHost: 'Placeholders are allowed in the path only, not in the server name.',
  },
);
