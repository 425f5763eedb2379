import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { Config, Data, Layout, PlotlyHTMLElement } from 'plotly.js';
import { ChartDownloads } from './chart-downloads.tsx';

type PlotlyModule = typeof import('plotly.js');
let loading: Promise<PlotlyModule> | null = null;

/**
 * plotly is 4.7 MB: its prebuilt script (copied beside the bundle by renderer/vite.config.ts) is loaded the first
 * time a chart is shown, not with the first screen, and defines `window.Plotly`.
 */
export function loadPlotly(): Promise<PlotlyModule> {
  loading ??= new Promise<PlotlyModule>((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src: './plotly.min.js', async: true });
    script.onload = () => resolve((window as unknown as { Plotly: PlotlyModule }).Plotly);
    script.onerror = () => reject(new Error('plotly.min.js could not be loaded'));
    document.head.append(script);
  });
  return loading;
}

/** The page's theme (`data-theme` on <html>, set by useTheme), as a value charts re-render on. */
function useDocumentTheme(): string {
  return useSyncExternalStore((changed) => {
    const observer = new MutationObserver(changed);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, () => document.documentElement.dataset.theme ?? '');
}

/** Colours for the chart's text and grid from the theme's CSS variables, so charts follow light/dark. */
function themed(layout: Partial<Layout>): Partial<Layout> {
  const style = getComputedStyle(document.documentElement);
  const fg = style.getPropertyValue('--fg').trim() || '#222';
  const grid = style.getPropertyValue('--line').trim() || '#ddd';
  const axis = { gridcolor: grid, zerolinecolor: grid };
  return {
    paper_bgcolor: 'rgba(0,0,0,0)', plot_bgcolor: 'rgba(0,0,0,0)', font: { color: fg, size: 12 }, margin: { t: 24, r: 16, b: 48, l: 56 }, ...layout,
    xaxis: { ...axis, ...layout.xaxis }, yaxis: { ...axis, ...layout.yaxis },
  };
}

export interface PlotlyChartProps {
  data: Data[];
  layout: Partial<Layout>;
  label: string;
  height?: number;
  /** Offers the chart as PNG and SVG under this file name (without extension). */
  fileName?: string;
  /** Called with the ids (customdata) of the points a lasso or box selected. */
  onSelect?: (ids: string[]) => void;
  onReady?: (element: PlotlyHTMLElement) => void;
}

/** One plotly chart, updated in place with Plotly.react when its data changes. */
export function PlotlyChart({ data, layout, label, height = 420, fileName, onSelect, onReady }: PlotlyChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const theme = useDocumentTheme();
  useEffect(() => {
    let live = true;
    void loadPlotly().then(async (Plotly) => {
      if (!live || !element.current) return;
      // The mode bar's camera is replaced by ChartDownloads' buttons (keyboard-reachable, PNG and SVG).
      const config: Partial<Config> = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['toImage'] };
      const plot = await Plotly.react(element.current, data, themed({ height, ...layout }), config);
      plot.removeAllListeners?.('plotly_selected');
      plot.on('plotly_selected', (event) => {
        const ids = (event?.points ?? []).map((p) => String(p.customdata));
        select.current?.(ids);
      });
      onReady?.(plot);
    });
    return () => {
      live = false;
    };
  }, [data, layout, height, onReady, theme]);
  useEffect(() => () => {
    if (element.current) void loadPlotly().then((Plotly) => element.current && Plotly.purge(element.current));
  }, []);
  return (
    <>
      {fileName && <ChartDownloads chart={element} fileName={fileName} label={label} />}
      <div ref={element} role="img" aria-label={label} className="chart" style={{ minHeight: height }} />
    </>
  );
}
