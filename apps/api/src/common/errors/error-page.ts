/**
 * An API error as a small page, for routes that answer HTML (a ticket's print view opened from a
 * link or a kiosk): a person sees the message in Indonesian and English, not a JSON document.
 * Handlebars escapes every value.
 */
import type { ApiError } from '@mpp/contracts';
import Handlebars from 'handlebars';

const ERROR_PAGE = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{message.id}}</title>
<style>
  body { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; margin: 0; padding: 2rem 1rem; color: #1a1a1a; background: #fff }
  main { max-width: 32rem; margin: 0 auto }
  h1 { font-size: 1.35rem; margin: 0 0 .5rem }
  p { margin: 0 0 1rem; line-height: 1.4 }
  .code { color: #555; font-size: .85rem }
</style>
</head>
<body>
<main>
  <h1>{{message.id}}</h1>
  <p lang="en">{{message.en}}</p>
  <p class="code">{{statusCode}} · {{code}}</p>
</main>
</body>
</html>
`;

let compiled: HandlebarsTemplateDelegate<ApiError> | undefined;

export function renderErrorPage(error: ApiError): string {
  compiled ??= Handlebars.create().compile<ApiError>(ERROR_PAGE, { strict: true, knownHelpersOnly: true });
  return compiled(error);
}
