// URLs as dossier compares them: the same page under two spellings of its address is one page.
import normalizeUrl from 'normalize-url';

/**
 * Query parameters that only say how a reader arrived (campaign tags, click ids, share
 * widgets), never which page it is. Gathered from the parameters that analytics and ad
 * platforms document (Google, Meta, Microsoft, Mailchimp, HubSpot, Marketo, Yandex, Twitter/X).
 */
export const TRACKING_PARAMETERS: (string | RegExp)[] = [
  /^utm_\w+$/i,
  /^(fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|li_fat_id|igshid|epik)$/i,
  /^(mc_cid|mc_eid|_hsenc|_hsmi|__hstc|__hssc|__hsfp|hsctatracking|mkt_tok|_ga|_gl|oly_anon_id|oly_enc_id|vero_id|vero_conv)$/i,
  /^(ocid|cmpid|ito|ns_source|ns_mchannel|ns_campaign|ns_linkname|ns_fee|sr_share|at_medium|at_campaign|at_custom\d)$/i,
];

/** Only these schemes are ever fetched. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The canonical form of an http(s) URL: lower-case host, no default port, no fragment, no
 * tracking parameters, the other parameters sorted, no trailing slash. Returns null for a
 * string that is not an http(s) URL.
 */
export function canonicalUrl(value: string): string | null {
  if (!isHttpUrl(value)) return null;
  try {
    return normalizeUrl(value, {
      stripHash: true,
      stripWWW: false,
      stripTextFragment: true,
      removeQueryParameters: TRACKING_PARAMETERS,
      sortQueryParameters: true,
      removeTrailingSlash: true,
      removeSingleSlash: true,
      normalizeProtocol: false,
    });
  } catch {
    return null;
  }
}
