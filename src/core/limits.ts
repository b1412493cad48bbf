// Limits every face applies to what people send and type: ids and counts fit PostgreSQL's `int` (a bigger one is no
// row of ours, and the database would refuse to compare it); files fit what an office really holds.
export const INT_MAX = 2_147_483_647;

/**
 * A file's size limit: a 50-page colour scan at 300 dpi (60–100 MB of pictures; its pages are bounded apart, by the
 * recognition's page limit). Text is bounded tighter (TEXT_MAX_BYTES): far above any real report (the 17-report
 * compilation is 380 KB), far below what would stall the reader.
 */
export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
export const TEXT_MAX_BYTES = 20 * 1024 * 1024;
