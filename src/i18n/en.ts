/**
 * English strings: the reference bundle. Its shape defines the message keys (`Messages`,
 * `MessageKey`) that the French bundle must match exactly and that `t()` accepts.
 * Group keys by where they appear; add new ones freely, then add the French.
 */
export const en = {
  ui: {
    next: 'Next',
    back: 'Back',
    continue: 'Continue',
    close: 'Close',
    cancel: 'Cancel',
    confirm: 'Confirm',
    settings: 'Settings',
    volume: 'Volume',
    mute: 'Mute',
    unmute: 'Unmute',
    language: 'Language',
    newCampaign: 'New campaign',
    singleEra: 'Single era',
    tutorial: 'Tutorial',
    load: 'Load',
    save: 'Save',
    exportSave: 'Export save',
    importSave: 'Import save',
    sourcesCredits: 'Sources & credits',
    year: 'Year',
    yearValue: 'Year {{year}}',
  },
  language: {
    en: 'English',
    fr: 'Français',
  },
  phase: {
    briefing: 'Briefing',
    planning: 'Planning',
    resolution: 'Resolution',
    events: 'Events',
    review: 'Review',
  },
  budget: {
    envelope: 'Envelope',
    share: 'Share',
    upkeep: 'Upkeep',
  },
  metric: {
    consensus: 'Consensus',
    trust: 'Trust',
    alignment: 'Alignment',
    capability: 'Capability',
    interoperability: 'Interoperability',
  },
  map: {
    legend: {
      title: 'Partners by framework',
      ally: 'Ally',
      pfp: 'Partnership for Peace',
      md: 'Mediterranean Dialogue',
      ici: 'Istanbul Cooperation Initiative',
      global: 'Partners across the globe',
      other: 'Not a partner',
      selected: 'Selected',
    },
    hint: 'Select a country to see its partnership',
  },
  sound: {
    caption: {
      click: 'Click',
      stinger: 'Event stinger',
      turnEnd: 'Turn ends',
      music: {
        era1: 'Music: the 1990s',
        era2: 'Music: the 2000s',
        era3: 'Music: the 2010s',
        era4: 'Music: after 2022',
      },
    },
  },
} as const;

/** The bundle's shape with every leaf widened to string: what each translation must provide. */
export type Messages = Widen<typeof en>;
export type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Every dot-path to a string in the bundle, e.g. `'sound.caption.stinger'`. */
export type MessageKey = Paths<Messages>;
export type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}`;
}[keyof T & string];
