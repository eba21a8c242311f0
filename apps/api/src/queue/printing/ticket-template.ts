/**
 * The kiosk's printable ticket page (Handlebars). Kept as a string rather than a .hbs file so
 * the compiled API needs no asset copying. Every value goes through {{ }} and is escaped; the
 * page loads nothing from outside (the QR code is an inline data: URL).
 */
export const TICKET_TEMPLATE = `<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>
  /* No fixed page size: CSS cannot say "80 mm wide, as tall as the ticket" ("size: 80mm auto" is
     invalid and dropped; "size: 80mm" is an 80 mm square). Printed by hand, the page takes the
     printer's paper, on a kiosk the roll; with autoPrint the script below sets 80 mm by the
     measured height just before printing. */
  @page { margin: 0 }
  * { box-sizing: border-box }
  html, body { margin: 0; padding: 0; background: #fff; color: #000 }
  body { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; line-height: 1.25; print-color-adjust: exact; -webkit-print-color-adjust: exact }
  .ticket { width: 80mm; margin: 0 auto; padding: 5mm 4mm; text-align: center; overflow-wrap: anywhere }
  p { margin: 0 }
  .site { font-size: 12pt; font-weight: 700 }
  .address { font-size: 8pt; margin-top: 0.5mm }
  .rule { border: 0; border-top: 0.75pt dashed #000; margin: 2.5mm 0 }
  .agency { font-size: 9.5pt }
  .service { font-size: 11.5pt; font-weight: 700; margin-top: 0.7mm }
  .caption { font-size: 8pt; letter-spacing: 0.06em; text-transform: uppercase; margin-top: 3mm }
  .number { font-size: 64pt; font-weight: 700; line-height: 1; margin: 0.5mm 0 1mm; white-space: nowrap }
  .priority { display: inline-block; border: 1.5pt solid #000; padding: 1mm 2mm; font-size: 9.5pt; font-weight: 700; margin: 1mm 0 2mm }
  .issued { font-size: 8pt; margin-top: 1mm }
  .ahead { font-size: 9.5pt; font-weight: 700; margin-top: 1mm }
  .wait { font-size: 9.5pt }
  .qr { display: block; width: 30mm; height: 30mm; margin: 3mm auto 1.5mm }
  .footer { font-size: 8pt }
  @media screen {
    html { background: #e5e5e5 }
    .ticket { background: #fff; margin: 4mm auto }
  }
</style>
</head>
<body>
<main class="ticket">
  <p class="site">{{siteName}}</p>
  {{#if siteAddress}}<p class="address">{{siteAddress}}</p>{{/if}}
  <hr class="rule">
  <p class="agency">{{agencyName}}</p>
  <p class="service">{{serviceName}}</p>
  <p class="caption">{{numberCaption}}</p>
  <p class="number">{{number}}</p>
  {{#if priorityMark}}<p class="priority">{{priorityMark}}</p>{{/if}}
  <p class="issued"><time datetime="{{issuedAtIso}}">{{issuedAt}}</time></p>
  {{#if peopleAhead}}<p class="ahead">{{peopleAhead}}</p>{{/if}}
  {{#if estimatedWait}}<p class="wait">{{estimatedWait}}</p>{{/if}}
  <img class="qr" src="{{qrDataUrl}}" alt="{{qrAlt}}" width="113" height="113">
  <p class="footer">{{footer}}</p>
</main>
{{#if autoPrint}}<script>
window.addEventListener('load', () => {
  const height = Math.ceil(document.querySelector('.ticket').getBoundingClientRect().height) + 2;
  const page = document.createElement('style');
  page.textContent = '@page { size: 80mm ' + height + 'px; margin: 0 }';
  document.head.append(page);
  window.print();
});
</script>{{/if}}
</body>
</html>
`;
