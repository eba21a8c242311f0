import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { PublicTicketResponse } from '@mpp/contracts';
import { TranslatePipe } from '@mpp/ui';
import { catchError, distinctUntilChanged, map, of, switchMap, type Observable } from 'rxjs';

import { TicketApi } from './ticket-api.service';

/**
 * The SKM survey offer under a served ticket (docs/survey.md): the one-time token comes only with
 * the ticket's own read (GET /tickets/:code), never with the live updates, so a ticket that became
 * done while the page was open reads itself once more to get it. Once answered (surveyAnswered)
 * the page thanks instead of offering it again.
 */
interface SurveyOffer {
  token: string | null;
  answered: boolean;
}

function offerOf(t: PublicTicketResponse): SurveyOffer {
  return { token: t.surveyToken ?? null, answered: t.surveyAnswered === true };
}

@Component({
  selector: 'portal-ticket-survey',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (offer(); as o) {
      @if (o.answered) {
        <section class="mpp-card ticket-survey" data-testid="ticket-survey-answered">
          <p class="ticket-survey__body">{{ 'portal.ticket.survey.answered' | t }}</p>
        </section>
      } @else if (o.token) {
        <section class="mpp-card ticket-survey" aria-labelledby="ticket-survey-heading" data-testid="ticket-survey">
          <h2 id="ticket-survey-heading" class="ticket-survey__heading">{{ 'portal.ticket.survey.heading' | t }}</h2>
          <p class="ticket-survey__body">{{ 'portal.ticket.survey.body' | t }}</p>
          <a class="mpp-button mpp-button--primary ticket-survey__link" [routerLink]="['/survei', o.token]" data-testid="ticket-survey-link">
            {{ 'portal.ticket.survey.link' | t }}
          </a>
        </section>
      }
    }
  `,
  styles: `
    .ticket-survey {
      display: flex;
      flex-direction: column;
      gap: var(--mpp-space-3);
      margin-block: var(--mpp-space-4);
    }
    .ticket-survey__heading {
      margin: 0;
      font-size: 1.25rem;
    }
    .ticket-survey__body {
      margin: 0;
    }
    .ticket-survey__link {
      min-height: 3rem;
      justify-content: center;
    }
  `,
})
export class TicketSurveyComponent {
  private readonly api = inject(TicketApi);

  readonly ticket = input.required<PublicTicketResponse>();

  private readonly wanted = computed(() => {
    const t = this.ticket();
    return t.status === 'done' ? { code: t.publicCode, ...offerOf(t) } : null;
  });

  protected readonly offer = toSignal(
    toObservable(this.wanted).pipe(
      distinctUntilChanged((a, b) => a?.code === b?.code && a?.token === b?.token && a?.answered === b?.answered),
      switchMap((w): Observable<SurveyOffer | null> => {
        if (!w) return of(null);
        if (w.token || w.answered) return of(w);
        return this.api.get(w.code).pipe(
          map(offerOf),
          catchError(() => of(null)),
        );
      }),
    ),
    { initialValue: null },
  );
}
