/**
 * The booking confirmation as plain text lines (Handlebars), used as the text version of the
 * confirmation and inside the confirmation email. Plain text, so compiled with `noEscape`: nothing
 * here is ever put into HTML. Kept as a string so the compiled API needs no asset copying.
 * Each block tag stands on its own line, which Handlebars removes together with its line break.
 */
export const BOOKING_CONFIRMATION_TEMPLATE = `{{title}}
{{#if statusMark}}
*** {{statusMark}} ***
{{/if}}
{{codeCaption}}: {{code}}

{{siteName}}
{{#if siteAddress}}
{{siteAddress}}
{{/if}}
{{agencyName}}
{{serviceName}}

{{date}}
{{slot}}
{{checkIn}}

{{#each details}}
{{label}}: {{value}}
{{/each}}
{{#if requirements.length}}

{{requirementsHeading}}:
{{#each requirements}}
- {{this}}
{{/each}}
{{/if}}

{{#each notes}}
{{this}}
{{/each}}
{{bookedAt}}
`;
