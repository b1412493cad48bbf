// The large packages, loaded when a command first needs them and not before: `zg --help`, `zg check` of a text file
// and the server's start pay for none of them (each costs tens to hundreds of milliseconds to load).
/** exceljs: ledgers, self-evaluation tables and supervision sheets as workbooks */
export const excel = async () => (await import('exceljs')).default;

/** unpdf (pdf.js): the text layer of a PDF */
export const pdf = () => import('unpdf');

/** nodemailer: digests sent by e-mail */
export const mailer = async () => (await import('nodemailer')).default;
