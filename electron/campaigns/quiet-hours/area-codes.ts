/**
 * NANP area code → where a number with that code was issued: the state or province and every time zone the
 * code's territory covers. Quiet hours are judged at the recipient's location, and the phone number is all we know
 * about it, so an area code that straddles a time-zone line lists every zone on both sides (compliance.md: the send
 * must be inside the window in every zone the code covers).
 *
 * Sources: NANPA's geographic area code assignments (checked against the codes libphonenumber-js accepts as US and
 * Canadian numbers — a unit test keeps the two in step) and the time-zone boundaries of each state and province.
 * Where we were unsure whether a code reaches across a zone line we listed both zones: a narrower window is a
 * cost, a text at 7 a.m. is a violation.
 *
 * Each distinct clock is listed once under one IANA name. America/Boise, America/Detroit, America/Indiana/*,
 * America/Kentucky/* and America/North_Dakota/* keep exactly the rules of Denver, New York or Chicago for every
 * date we could schedule, so those three stand for them.
 */

export interface AreaCodeInfo {
  country: 'US' | 'CA';
  /** ISO 3166-2 subdivisions the code serves (one, except where one code serves several provinces or territories). */
  regions: readonly string[];
  /** IANA zones the code's territory covers. */
  zones: readonly string[];
}

const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const AZ = 'America/Phoenix'; // Mountain Standard Time all year: Arizona does not observe DST
const PT = 'America/Los_Angeles';
const AKT = 'America/Anchorage';
const HAT = 'America/Adak'; // Aleutian Islands west of 169.5°W: Hawaii–Aleutian time, with DST
const HT = 'Pacific/Honolulu';

/** Rows of [space-separated area codes, zones they cover]. */
type Rows = ReadonlyArray<readonly [string, readonly string[]]>;

const US_ROWS: Readonly<Record<string, Rows>> = {
  AL: [
    ['205 251 256 659 938', [CT]],
    // Phenix City, Lanett, Valley and Smiths Station keep Eastern time (unofficially) with Columbus, Georgia.
    ['334', [CT, ET]],
  ],
  AK: [['907', [AKT, HAT]]],
  AZ: [
    ['480 520 602 623', [AZ]],
    // The Navajo Nation in north-eastern Arizona observes DST; the rest of the state does not.
    ['928', [AZ, MT]],
  ],
  AR: [['327 479 501 870', [CT]]],
  CA: [
    [
      '209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 738 747 760 805 818 820 831 840 858 909 916 925 949 951',
      [PT],
    ],
  ],
  CO: [['303 719 720 748 970 983', [MT]]],
  CT: [['203 475 860 959', [ET]]],
  DC: [['202 771', [ET]]],
  DE: [['302', [ET]]],
  FL: [
    ['239 305 321 324 352 386 407 561 645 656 689 727 728 754 772 786 813 863 904 941 954', [ET]],
    // The panhandle west of the Apalachicola River (Pensacola, Panama City) is Central; Tallahassee is Eastern.
    ['448 850', [CT, ET]],
  ],
  GA: [['229 404 470 478 678 706 762 770 912 943', [ET]]],
  HI: [['808', [HT]]],
  // Southern Idaho is Mountain; the panhandle north of the Salmon River is Pacific.
  ID: [['208 986', [MT, PT]]],
  IL: [['217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 872', [CT]]],
  IN: [
    ['260 317 463 765', [ET]],
    // North-west (Gary) and south-west (Evansville) counties are Central; the rest of these codes is Eastern.
    ['219 574 812 930', [CT, ET]],
  ],
  IA: [['319 515 563 641 712', [CT]]],
  KS: [
    ['316 913', [CT]],
    // Sherman, Wallace, Greeley and Hamilton counties on the Colorado line are Mountain.
    ['620 785', [CT, MT]],
  ],
  KY: [
    ['502 859', [ET]],
    // Western Kentucky is Central; Hardin and its neighbours (270) and Clinton County's Albany (606) straddle the line.
    ['270 364 606', [CT, ET]],
  ],
  LA: [['225 318 337 504 985', [CT]]],
  MA: [['339 351 413 508 617 774 781 857 978', [ET]]],
  MD: [['227 240 301 410 443 667', [ET]]],
  ME: [['207', [ET]]],
  MI: [
    ['231 248 269 313 517 586 616 679 734 810 947 989', [ET]],
    // Gogebic, Iron, Dickinson and Menominee counties in the Upper Peninsula are Central.
    ['906', [CT, ET]],
  ],
  MN: [['218 320 507 612 651 763 952', [CT]]],
  MO: [['235 314 417 557 573 636 660 816 975', [CT]]],
  MS: [['228 601 662 769', [CT]]],
  MT: [['406', [MT]]],
  NC: [['252 336 472 704 743 828 910 919 980 984', [ET]]],
  // South-western North Dakota (Dickinson, Bowman) is Mountain.
  ND: [['701', [CT, MT]]],
  NE: [
    ['402 531', [CT]],
    // The panhandle (Scottsbluff, Sidney, North Platte's western neighbours) is Mountain.
    ['308', [CT, MT]],
  ],
  NH: [['603', [ET]]],
  NJ: [['201 551 609 640 732 848 856 862 908 973', [ET]]],
  NM: [['505 575', [MT]]],
  NV: [
    ['702 725', [PT]],
    // West Wendover is officially Mountain; Jackpot keeps Mountain time with Idaho.
    ['775', [PT, MT]],
  ],
  NY: [['212 315 329 332 347 363 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934', [ET]]],
  OH: [['216 220 234 283 326 330 380 419 440 513 567 614 740 937', [ET]]],
  OK: [
    ['405 539 572 918', [CT]],
    // Kenton in the far western panhandle keeps Mountain time (unofficially).
    ['580', [CT, MT]],
  ],
  OR: [
    ['503 971', [PT]],
    // Most of Malheur County (Ontario, Nyssa, Vale) is Mountain.
    ['458 541', [PT, MT]],
  ],
  PA: [['215 223 267 272 412 445 484 570 582 610 717 724 814 835 878', [ET]]],
  RI: [['401', [ET]]],
  SC: [['803 821 839 843 854 864', [ET]]],
  // West River South Dakota (Rapid City) is Mountain; East River (Sioux Falls, Pierre) is Central.
  SD: [['605', [CT, MT]]],
  TN: [
    ['865', [ET]],
    ['615 629 731 901', [CT]],
    // 423 spans Eastern Chattanooga and Tri-Cities and Central Marion, Sequatchie and Bledsoe counties;
    // 931 runs along the Cumberland Plateau where the zone line lies, so we take both for it too.
    ['423 931', [CT, ET]],
  ],
  TX: [
    ['210 214 254 281 325 346 361 409 430 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979', [CT]],
    // Culberson County (Van Horn) is Mountain; the rest of West Texas' 432 is Central.
    ['432', [CT, MT]],
    // El Paso and Hudspeth counties.
    ['915', [MT]],
  ],
  UT: [['385 435 801', [MT]]],
  VA: [['276 434 540 571 686 703 757 804 826 948', [ET]]],
  VT: [['802', [ET]]],
  WA: [['206 253 360 425 509 564', [PT]]],
  WI: [['262 274 353 414 534 608 715 920', [CT]]],
  WV: [['304 681', [ET]]],
  WY: [['307', [MT]]],
  // Territories.
  AS: [['684', ['Pacific/Pago_Pago']]],
  GU: [['671', ['Pacific/Guam']]],
  MP: [['670', ['Pacific/Saipan']]],
  PR: [['787 939', ['America/Puerto_Rico']]],
  VI: [['340', ['America/St_Thomas']]],
};

const TORONTO = 'America/Toronto';
const WINNIPEG = 'America/Winnipeg';
const EDMONTON = 'America/Edmonton';
const VANCOUVER = 'America/Vancouver';
const HALIFAX = 'America/Halifax';

/** Canadian rows; the key lists the provinces or territories the codes serve. */
const CA_ROWS: Readonly<Record<string, Rows>> = {
  AB: [['368 403 587 780 825', [EDMONTON]]],
  BC: [
    ['604', [VANCOUVER]],
    // Province-wide codes: the East Kootenays keep Mountain time; Dawson Creek, Fort St. John, Fort Nelson and
    // Creston keep Mountain Standard Time all year.
    ['236 250 257 672 778', [VANCOUVER, EDMONTON, 'America/Dawson_Creek']],
  ],
  MB: [['204 431 584', [WINNIPEG]]],
  NB: [['428 506', ['America/Moncton']]],
  // Newfoundland time on the island and southern Labrador; Atlantic time in the rest of Labrador.
  NL: [['709 879', ['America/St_Johns', 'America/Goose_Bay']]],
  'NS PE': [['782 902', [HALIFAX]]],
  ON: [
    ['226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 905 942', [TORONTO]],
    // North-western Ontario: Thunder Bay is Eastern, Kenora and Dryden Central, Atikokan Eastern Standard all year.
    ['807', [TORONTO, WINNIPEG, 'America/Atikokan']],
  ],
  QC: [
    ['263 354 438 450 468 514 579 819 873', [TORONTO]],
    // Eastern Quebec: the Magdalen Islands keep Atlantic time, the Lower North Shore Atlantic Standard all year.
    ['367 418 581', [TORONTO, HALIFAX, 'America/Blanc-Sablon']],
  ],
  // Saskatchewan keeps Central Standard all year, but Lloydminster follows Alberta and Creighton follows Manitoba.
  SK: [['306 474 639', ['America/Regina', EDMONTON, WINNIPEG]]],
  // Yukon (Mountain Standard all year), Northwest Territories (Mountain) and Nunavut (Mountain, Central, Eastern).
  'YT NT NU': [['867', ['America/Whitehorse', 'America/Yellowknife', 'America/Rankin_Inlet', 'America/Iqaluit']]],
};

function build(): ReadonlyMap<string, AreaCodeInfo> {
  const table = new Map<string, AreaCodeInfo>();
  const add = (country: 'US' | 'CA', rowsByRegion: Readonly<Record<string, Rows>>) => {
    for (const [regionKey, rows] of Object.entries(rowsByRegion)) {
      const regions = regionKey.split(' ').map((r) => `${country}-${r}`);
      for (const [codes, zones] of rows) {
        for (const code of codes.split(' ')) {
          // A code listed twice would silently lose one of its zones: refuse to start instead.
          if (table.has(code)) throw new Error(`Area code ${code} is listed twice in the quiet-hours table`);
          table.set(code, { country, regions, zones });
        }
      }
    }
  };
  add('US', US_ROWS);
  add('CA', CA_ROWS);
  return table;
}

/** Every US and Canadian geographic area code we can place. */
export const AREA_CODES: ReadonlyMap<string, AreaCodeInfo> = build();

/** Where a three-digit NANP area code was issued, or undefined for non-geographic and unknown codes. */
export function areaCodeInfo(areaCode: string): AreaCodeInfo | undefined {
  return AREA_CODES.get(areaCode);
}
