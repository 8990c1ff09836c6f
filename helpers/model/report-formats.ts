// The report formats a conformance or diagnose run can write: one list for the flags, the help and the writer.
export const REPORT_FORMATS = ['console', 'json', 'junit', 'html', 'har', 'md'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]
