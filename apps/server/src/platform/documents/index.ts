export { renderPdf, formatAmount, attachmentHeader, type PdfWriter, type PdfTable, type PdfColumn, type PdfMeta } from './pdf';
export { nextDocumentNumber, formatDocumentNumber, DOCUMENT_KINDS, type DocumentKind, type DocumentNumber } from './numbering';
