import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Placeholder while the page is written. */
@Component({ selector: 'portal-application-new-page', changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
export class ApplicationNewPageComponent {}
