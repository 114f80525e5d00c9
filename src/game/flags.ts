/**
 * Flags for partner cards: the scenarios name countries by ISO 3166-1 alpha-3 (as the rules
 * do), while the flag-icons stylesheet names them by lower-case alpha-2. This is the one
 * table between the two. Source: ISO 3166-1 (https://www.iso.org/iso-3166-country-codes.html).
 */

// Compact "ALPHA3 alpha2" pairs; sovereign states plus the territories NATO deals with.
const PAIRS =
  'AFG af ALB al DZA dz AND ad AGO ao ATG ag ARG ar ARM am AUS au AUT at AZE az BHS bs BHR bh BGD bd BRB bb ' +
  'BLR by BEL be BLZ bz BEN bj BTN bt BOL bo BIH ba BWA bw BRA br BRN bn BGR bg BFA bf BDI bi CPV cv KHM kh ' +
  'CMR cm CAN ca CAF cf TCD td CHL cl CHN cn COL co COM km COG cg COD cd CRI cr CIV ci HRV hr CUB cu CYP cy ' +
  'CZE cz DNK dk DJI dj DMA dm DOM do ECU ec EGY eg SLV sv GNQ gq ERI er EST ee SWZ sz ETH et FJI fj FIN fi ' +
  'FRA fr GAB ga GMB gm GEO ge DEU de GHA gh GRC gr GRD gd GTM gt GIN gn GNB gw GUY gy HTI ht HND hn HUN hu ' +
  'ISL is IND in IDN id IRN ir IRQ iq IRL ie ISR il ITA it JAM jm JPN jp JOR jo KAZ kz KEN ke KIR ki PRK kp ' +
  'KOR kr KWT kw KGZ kg LAO la LVA lv LBN lb LSO ls LBR lr LBY ly LIE li LTU lt LUX lu MDG mg MWI mw MYS my ' +
  'MDV mv MLI ml MLT mt MHL mh MRT mr MUS mu MEX mx FSM fm MDA md MCO mc MNG mn MNE me MAR ma MOZ mz MMR mm ' +
  'NAM na NRU nr NPL np NLD nl NZL nz NIC ni NER ne NGA ng MKD mk NOR no OMN om PAK pk PLW pw PSE ps PAN pa ' +
  'PNG pg PRY py PER pe PHL ph POL pl PRT pt QAT qa ROU ro RUS ru RWA rw KNA kn LCA lc VCT vc WSM ws SMR sm ' +
  'STP st SAU sa SEN sn SRB rs SYC sc SLE sl SGP sg SVK sk SVN si SLB sb SOM so ZAF za SSD ss ESP es LKA lk ' +
  'SDN sd SUR sr SWE se CHE ch SYR sy TWN tw TJK tj TZA tz THA th TLS tl TGO tg TON to TTO tt TUN tn TUR tr ' +
  'TKM tm TUV tv UGA ug UKR ua ARE ae GBR gb USA us URY uy UZB uz VUT vu VAT va VEN ve VNM vn YEM ye ZMB zm ' +
  'ZWE zw GRL gl XKX xk ESH eh PRI pr HKG hk';

const ALPHA2: Readonly<Record<string, string>> = (() => {
  const words = PAIRS.split(' ');
  const table: Record<string, string> = {};
  for (let i = 0; i + 1 < words.length; i += 2) table[words[i]] = words[i + 1];
  return table;
})();

/** Lower-case alpha-2 code for an alpha-3 code, or null when unknown. */
export function alpha2(iso3: string): string | null {
  return ALPHA2[iso3.toUpperCase()] ?? null;
}

/** CSS classes for a flag-icons `<span>`; a neutral placeholder class when the code is unknown. */
export function flagClass(iso3: string): string {
  const code = alpha2(iso3);
  return code ? `fi fi-${code}` : 'fi flag-unknown';
}
