import { ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, effect, inject, input, viewChild } from '@angular/core';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface BarSeries {
  label: string;
  values: number[];
  color: string;
}

/**
 * A bar chart drawn by chart.js. The canvas is a picture (role img with its summary); the table
 * beside it is the accessible version of the same figures.
 */
@Component({
  selector: 'counter-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="report-chart" [style.height.px]="height()"><canvas #canvas role="img" [attr.aria-label]="summary()"></canvas></div>`,
  styles: ':host { display: block; } .report-chart { position: relative; width: 100%; }',
})
export class BarChartComponent {
  readonly labels = input.required<string[]>();
  readonly series = input.required<BarSeries[]>();
  readonly summary = input.required<string>();
  readonly horizontal = input(false);
  readonly max = input<number | null>(null);
  readonly stacked = input(false);
  readonly height = input(280);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    effect(() => {
      const labels = this.labels();
      const datasets = this.series().map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color }));
      const horizontal = this.horizontal();
      const max = this.max() ?? undefined;
      const stacked = this.stacked();
      this.chart?.destroy();
      this.chart = new Chart(this.canvas().nativeElement, {
        type: 'bar',
        data: { labels, datasets },
        options: {
          indexAxis: horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            x: { stacked, ...(horizontal ? { min: 0, max } : {}) },
            y: { stacked, ...(horizontal ? {} : { min: 0, max }) },
          },
        },
      });
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }
}
