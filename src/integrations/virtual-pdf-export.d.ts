/** Set by the PDF export integration (src/integrations/pdf.ts) when the config is read. */
declare module 'virtual:pdf-export' {
  /** True when this build writes the PDFs, so pages may link them. */
  export const pdfLinks: boolean;
}
