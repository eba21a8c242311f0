/** The decision letters in English (a translation printed after the Indonesian text); see decision-letter.id.ts. */
export const DECISION_LETTER_EN = {
  approval: {
    title: 'NOTICE OF APPROVAL',
    body: `Dear applicant,

We inform you that your application for {{serviceName}}, application code {{code}}, submitted on {{submittedOn}}, has been examined and APPROVED by {{agencyName}}.
{{#if note}}

{{note}}
{{/if}}

The result will be available to download from the application's page or to collect at {{siteName}}, as the message you receive says. Bring your original electronic ID card (KTP-el) when collecting it at the counter.`,
  },
  rejection: {
    title: 'NOTICE OF REJECTION',
    body: `Dear applicant,

We inform you that your application for {{serviceName}}, application code {{code}}, submitted on {{submittedOn}}, could not be approved by {{agencyName}}, for the following reason:

{{reason}}
{{#if note}}

{{note}}
{{/if}}

You may submit a new application once the above is met, or ask the officers of {{agencyName}} at {{siteName}} about this decision, quoting this letter's number.`,
  },
  translation: 'English translation',
} as const;
