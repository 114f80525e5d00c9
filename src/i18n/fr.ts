/**
 * French strings. Typed as `Messages`, so a key missing from or added beyond the English
 * bundle is a compile error. NATO's own French usage is followed for framework names
 * (OTAN, Partenariat pour la paix, Dialogue méditerranéen); "breffage" is the official
 * French term for a briefing.
 */
import type { Messages } from './en';

export const fr: Messages = {
  ui: {
    next: 'Suivant',
    back: 'Retour',
    continue: 'Continuer',
    close: 'Fermer',
    cancel: 'Annuler',
    confirm: 'Confirmer',
    settings: 'Paramètres',
    volume: 'Volume',
    mute: 'Couper le son',
    unmute: 'Rétablir le son',
    language: 'Langue',
    newCampaign: 'Nouvelle campagne',
    singleEra: 'Une seule époque',
    tutorial: 'Tutoriel',
    load: 'Charger',
    save: 'Sauvegarder',
    exportSave: 'Exporter la sauvegarde',
    importSave: 'Importer une sauvegarde',
    sourcesCredits: 'Sources et crédits',
    year: 'Année',
    yearValue: 'Année {{year}}',
  },
  language: {
    en: 'English',
    fr: 'Français',
  },
  phase: {
    briefing: 'Breffage',
    planning: 'Planification',
    resolution: 'Résolution',
    events: 'Événements',
    review: 'Bilan',
  },
  budget: {
    envelope: 'Enveloppe',
    share: 'Quote-part',
    upkeep: 'Entretien',
  },
  metric: {
    consensus: 'Consensus',
    trust: 'Confiance',
    alignment: 'Alignement',
    capability: 'Capacité',
    interoperability: 'Interopérabilité',
  },
  map: {
    legend: {
      title: 'Partenaires par cadre',
      ally: 'Allié',
      pfp: 'Partenariat pour la paix',
      md: 'Dialogue méditerranéen',
      ici: "Initiative de coopération d’Istanbul",
      global: 'Partenaires à travers le monde',
      other: 'Non partenaire',
      selected: 'Sélectionné',
    },
    hint: 'Choisissez un pays pour voir son partenariat',
  },
  sound: {
    caption: {
      click: 'Clic',
      stinger: "Signal d’événement",
      turnEnd: 'Fin du tour',
      music: {
        era1: 'Musique\u00a0: les années 1990',
        era2: 'Musique\u00a0: les années 2000',
        era3: 'Musique\u00a0: les années 2010',
        era4: 'Musique\u00a0: après 2022',
      },
    },
  },
};
