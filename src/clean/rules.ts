// Line-level boilerplate rules shared by the plain-text cleaner and the HTML post-cleaner.
// Hand-written because they are the product's core: each rule names why a line goes,
// and every rule only fires on short lines so that real paragraphs are never dropped.

export interface LineRule {
  reason: string;
  /** Lines longer than this are never matched by the rule. */
  maxLength: number;
  pattern: RegExp;
}

/** Wire services and syndicators; general knowledge used to recognise credit lines and datelines. */
export const AGENCIES: string[] = [
  'Reuters', 'AFP', 'AP', 'Associated Press', 'Agence France-Presse', 'TASS', 'ITAR-TASS', 'Xinhua', 'RIA Novosti',
  'Interfax', 'Sputnik', 'Bloomberg', 'dpa', 'DPA', 'ANSA', 'EFE', 'Kyodo', 'Yonhap', 'Anadolu', 'Anadolu Agency',
  'PTI', 'ANI', 'IANS', 'UPI', 'CNA', 'Bernama', 'Antara', 'KUNA', 'WAM', 'SPA', 'IRNA', 'MENA', 'MENAFN', 'APA',
  'PAP', 'CTK', 'BTA', 'Ukrinform', 'Kyodo News', 'Jiji', 'Jiji Press', 'NHK', 'Prensa Latina', 'Agencia Brasil',
  'Notimex', 'KCNA', 'Vietnam News Agency', 'VNA', 'Press Association', 'PA', 'AAP', 'NZPA', 'SANA', 'QNA', 'BNA',
  'Petra', 'APS', 'MAP', 'TAP', 'NAN', 'KNA', 'Xinhua News Agency', 'China News Service', 'Global Times',
];

/** Agency names as one regular-expression alternation, longest first so that "Xinhua News Agency" wins over "Xinhua". */
export const agencyAlternation = [...AGENCIES]
  .sort((a, b) => b.length - a.length)
  .map((name) => name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))
  .join('|');


/** A credit like "AFP, REUTERS" or "Reuters/AP" at the very end of a paragraph. */
export const TRAILING_CREDIT = new RegExp(
  `(?:^|\\s)((?:${agencyAlternation.toUpperCase()})(?:\\s*(?:,|/|and|&)\\s*(?:${agencyAlternation.toUpperCase()}))*)\\s*$`,
);

/** A line that is only agency names, as printed under a headline or over a photo: "Kyodo", "AFP-JIJI", "Reuters/AP". */
const agencyWritten = [...new Set(AGENCIES.flatMap((name) => [name, name.toUpperCase()]))]
  .sort((a, b) => b.length - a.length)
  .map((name) => name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))
  .join('|');
export const AGENCY_CREDIT_LINE = new RegExp(`^\\W*(?:${agencyWritten})(?:\\s*(?:,|/|-|and|&)\\s*(?:${agencyWritten}))*\\W*$`);

/** Long and short names of one agency, so that "Associated Press" and "AP" are credited once. */
const AGENCY_SHORT_NAMES: Record<string, string> = {
  'associated press': 'AP',
  'agence france-presse': 'AFP',
  'itar-tass': 'TASS',
  'xinhua news agency': 'Xinhua',
  'anadolu agency': 'Anadolu',
  'kyodo news': 'Kyodo',
  'jiji press': 'Jiji',
};

export function canonicalAgency(name: string): string {
  const lower = name.toLowerCase();
  if (AGENCY_SHORT_NAMES[lower]) return AGENCY_SHORT_NAMES[lower];
  return AGENCIES.find((agency) => agency.toLowerCase() === lower) ?? name;
}

export const ERROR_PAGE_RULES: LineRule[] = [
  { reason: 'error-page debris', maxLength: 200, pattern: /\b(page|article|content|file)\b.{0,60}\b(does ?n[o']?t exist|not (be )?found|no longer (exists|available)|has been (removed|moved|deleted))/i },
  { reason: 'error-page debris', maxLength: 80, pattern: /^\W*(sorry|oops|whoops)\b[!.\s\W]*$/i },
  { reason: 'error-page debris', maxLength: 120, pattern: /^\W*(error|404|403|500|502|503)\b.{0,100}$/i },
  { reason: 'error-page debris', maxLength: 120, pattern: /\b(404|403) (not found|forbidden|error)\b|\baccess (denied|forbidden)\b|\bpage not found\b/i },
  { reason: 'error-page debris', maxLength: 160, pattern: /\b(enable javascript|javascript is (disabled|required)|checking your browser|are you a robot|captcha)\b/i },
  // Bot checks that stand in for the page ("Just a moment...", "Verify you are human", "Ray ID: ...").
  { reason: 'error-page debris', maxLength: 160, pattern: /\b(checking (if|whether) the site connection is secure|verify (that )?you are (a )?human|review the security of your connection|performance (&|and) security by|ddos protection by|attention required|you (do not|don'?t) have permission to access)\b/i },
  { reason: 'error-page debris', maxLength: 60, pattern: /^\W*(just a moment\W*|ray id:\s*[0-9a-f]+|please wait while we (verify|check) your browser\W*)$/i },
];

/** Lines that are never article text: prompts, widgets, navigation, legal and sharing chrome. */
export const BOILERPLATE_RULES: LineRule[] = [
  // Before the sign-up rule: "Subscribe to continue reading" cuts the article short, which is worth naming.
  { reason: 'paywall prompt', maxLength: 200, pattern: /\b(you('ve| have) reached (your|the) (limit|maximum) of (free )?(articles|stories)|free (articles?|stories) (remaining|left)|already a (subscriber|member)\b|subscribe to (continue|keep) reading|(to )?continue reading,? (subscribe|sign in|log in)|get unlimited (digital )?access|this (article|story|content) is (only )?(available|reserved|exclusive) (to|for) (subscribers|members)|^\W*cancel any ?time\W*$)/i },
  { reason: 'cookie notice', maxLength: 400, pattern: /\b(we|this (site|website)) uses? cookies\b.*\b(experience|consent|agree|accept|personali[sz]e|analy[sz]e|advertising)|\bby (clicking|continuing|using)\b.{0,80}\b(use of cookies|cookie policy)\b/i },
  { reason: 'subscription appeal', maxLength: 200, pattern: /^\W*by subscribing\b|\bjournalism\b.{0,60}\b(more (crucial|important|vital|essential|needed) than ever|needs your support|depends on (you|readers))\b|^\W*support (our|independent|quality) journalism\b/i },
  { reason: 'app promotion', maxLength: 160, pattern: /\b(download|get|install)\b.{0,80}\b(on )?(our|the) (news )?app\b|\bdownload the app\b/i },
  { reason: 'sign-up or newsletter prompt', maxLength: 200, pattern: /^\W*(sign up|subscribe|register|join)\b.{0,150}$|\b(sign up|subscribe) (now|today|for|to)\b|\bnewsletter\b|\bdelivered (straight )?to your inbox\b/i },
  { reason: 'widget text', maxLength: 60, pattern: /^\W*(latest|trending|most (read|popular|viewed)|top stories|breaking( news)?|recommended( for you)?|popular|related( (articles|stories|news|content))?|more (stories|news)|also read|read (more|next|also)|you may also like|don'?t miss|live( updates)?|published|updated|last updated)\W*$/i },
  { reason: 'widget text', maxLength: 40, pattern: /^\W*(\d+\s*(s|sec|secs|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)\s+ago|just now)\W*$/i },
  { reason: 'badge or widget text', maxLength: 80, pattern: /\b(badge|widget|preferred source)\b/i },
  { reason: 'link prompt', maxLength: 60, pattern: /^\W*(see more on|see more|read more( on| at)?|more on|read the full (story|article)|continue reading|click here( to .*)?|view (all|more)|show more|load more|watch( the)? video|listen to (this )?article)\W*$/i },
  { reason: 'sharing prompt', maxLength: 120, pattern: /^\W*(share\d*( this( article| story)?)?( on| via)?|follow us( on)?|tweet|email|print|copy link|whatsapp|facebook|twitter|linkedin|telegram|reddit|pinterest)\b[\w\s,|·•/:]*$/i },
  // "Follow Al Jazeera English:", "Follow The Daily Star on": a follow prompt ends where the links were.
  { reason: 'sharing prompt', maxLength: 60, pattern: /^\W*follow\b[\p{L}\s&'.-]{1,40}(:| on)\s*$/iu },
  { reason: 'like widget', maxLength: 30, pattern: /^\W*(like this|like loading|loading)\W*$/i },
  { reason: 'video or gallery link', maxLength: 120, pattern: /^\W*(watch|video|photos|gallery|in pictures|listen)\s*:\s*[^.!]*[^.!?:;"”’')\]…]$|\bclick to enlarge\b|^\W*(photo |video )?gallery\W*$/i },
  { reason: 'category and tag links', maxLength: 120, pattern: /^\W*((posted|filed|published) (in|under)|tagged( with)?|categories|tags)\s*:?\s+[^.!?]{1,100}$/i },
  { reason: 'comment form', maxLength: 120, pattern: /^\W*(name|e-?mail|website|comment|post comment|submit comment)\s*\*?\s*$|\byour email address will not be published\b|\brequired fields are marked\b|\bsave my name, email\b|\bnotify me of (follow-up comments|new (posts|comments))\b|^Δ$/i },
  { reason: 'related link', maxLength: 200, pattern: /^\W*(also read|read also|must read|also see|read more)\s*[|:–—-]\s*\S.{3,180}$/i },
  { reason: 'photo credit', maxLength: 60, pattern: new RegExp(`^[[(]\\s*(photo|image|video|file)?\\s*[/:]?\\s*(${agencyAlternation})?\\s*(photo)?\\s*[\\])]$`, 'i') },
  { reason: 'advertisement', maxLength: 60, pattern: /^\W*(advertisement|advertising|sponsored( content)?|ad|promoted|story continues below( this)? advertisement|scroll to continue)\W*$/i },
  { reason: 'site chrome', maxLength: 120, pattern: /^\W*(skip to (main )?content|back to top|go to top|menu|search|home|log ?in|sign in|my account|cookie (policy|settings)|privacy policy|terms (of (use|service)|and conditions)|contact us|about( us)?|accept( all)? cookies|reject all( cookies)?|manage (preferences|cookies|consent|settings)|skip links)\W*$/i },
  { reason: 'archive notice', maxLength: 80, pattern: /^\W*this (article|story|page) is more than \d+ (years?|months?|days?) old\W*$/i },
  { reason: 'sharing prompt', maxLength: 40, pattern: /^\W*(reuse this content|copy link( copied)?|link copied|x|save( article| for later)?|gift( this)? article|comments?|listen|print this page)\W*$/i },
  { reason: 'copyright notice', maxLength: 200, pattern: /^\W*(©|\(c\)|copyright\b).{0,190}$|\ball rights reserved\b/i },
  { reason: 'photo credit', maxLength: 100, pattern: /^\W*(photo|photograph|image|picture|pic|video|graphic|illustration|file photo)s?\s*(:|by|credit)\s*.{1,80}$/i },
  { reason: 'photo credit', maxLength: 60, pattern: /^\W*\(?(getty images|afp via getty images|reuters|ap photo|epa|shutterstock|istock)\)?\W*$/i },
  { reason: 'empty comments widget', maxLength: 60, pattern: /^\W*(comments?\s*(\(0\))?\s*(no comments?( yet)?|be the first to comment)?|no comments?( yet)?|be the first to comment|leave a (comment|reply)( cancel reply)?|add (a )?comment|post a comment|write a comment)\W*$/i },
  { reason: 'empty comments widget', maxLength: 60, pattern: /^comments\s*no comments?\W*$/i },
];

/** "Legal Disclaimer:" and similar headings: the heading and the paragraph after it are not the article. */
export const DISCLAIMER_HEADING = /^\W*(legal )?(disclaimer|disclosure|terms of use|editor'?s note: this (content|article) (is|was) (provided|supplied) by)\b.{0,40}:?\s*$/i;
/** A whole paragraph that is a legal disclaimer. */
export const DISCLAIMER_PARAGRAPH = /^\W*disclaimer\s*:\s*\S|\b(auto-generated from a syndicated feed|(is|comes) from a syndicated feed|has not been edited by (our|the) (staff|editorial)|provides? (the|this) (information|content) "?[“"]?as is[”"]?|without warranty of any kind|does not (accept|take) (any )?(responsibility|liability)|views (and opinions )?expressed (here|in this article) are (those|solely)|not (be )?(construed as|intended as) (financial|investment|legal) advice|is (solely )?responsible for the (content|accuracy))/i;

/** The start of a reader-comment section ("6 Comments", "Comments (12)", "Reader comments"). */
export const COMMENT_SECTION_HEADING = /^\W*(?:(\d+)\s+(?:reader\s+)?(?:comments?|responses?|replies)|(?:reader\s+)?comments?\s*\((\d+)\)|reader comments|comments|join the (conversation|discussion)|what (do )?(readers|you) think)\W*$/i;

const PHOTO_SOURCE = `(?:${agencyAlternation}|Getty Images|EPA-EFE|EPA|Shutterstock|iStock)`;
/**
 * Signs that a paragraph is a photo caption: credits of photo agencies and image hosts, and
 * a bracketed credit closing the line ("[Amos Gumulira/AFP]", "(Xinhua/Wang Jiangbo)", "(PTI Photo)").
 */
export const CAPTION_CREDIT = new RegExp(
  [
    String.raw`\bvia (REUTERS|AFP|AP|Getty Images)\b|\/File Photo\b|\bFile Photo\b|\bHost Photo Agency\b|\b(REUTERS|AFP|AP|EPA|EPA-EFE|XINHUA|TASS)\/[A-Z][\w .'-]+$`,
    String.raw`\(Photo(graph)?( by|:)[^)]*\)|\bPhoto(graph)?:\s*[A-Z][\w .'/-]+$|\bGetty Images\b|\bAP Photo\b|\bPHOTO:\s*[A-Z]+`,
    String.raw`[[(][^\])]{2,50}\/\s*${PHOTO_SOURCE}\s*[\])]$|[[(]${PHOTO_SOURCE}\s*\/[^\])]{2,50}[\])]$|\(${PHOTO_SOURCE} (Photo|File Photo|Image)\)$`,
  ].join('|'),
);

export function matchRule(line: string, rules: LineRule[]): LineRule | null {
  const trimmed = line.trim();
  for (const rule of rules) {
    if (trimmed.length <= rule.maxLength && rule.pattern.test(trimmed)) return rule;
  }
  return null;
}
