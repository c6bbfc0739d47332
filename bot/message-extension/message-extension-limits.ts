/** The search command's id, as declared in the manifest's `composeExtensions[0].commands`. */
export const SEARCH_COMMAND_ID = "searchGuidance";
/** The search command's one parameter, as declared in the manifest. */
export const QUERY_PARAMETER = "query";
/** The parameter Teams sends instead of a query when the command opens (`initialRun: true` in the manifest). */
export const INITIAL_RUN_PARAMETER = "initialRun";
/** Teams shows at most 25 results per message-extension response (and asks for 25 in `queryOptions.count`). */
export const MAX_MESSAGE_EXTENSION_RESULTS = 25;
/** Pages suggested when the command opens with no query: a short, scannable list, not a catalogue. */
export const MAX_SUGGESTED_PAGES = 6;
/** Longest snippet in a page card or preview: a preview row shows two lines; the card a short paragraph. */
export const MAX_CARD_SNIPPET_CHARS = 300;
/** Longest URL accepted for unfurling; anything longer is not one of ours (browsers cap URLs near this too). */
export const MAX_UNFURL_URL_CHARS = 2048;
