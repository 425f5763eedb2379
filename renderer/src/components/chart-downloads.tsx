import { useState, type RefObject } from 'react';
import { loadPlotly } from './plotly-chart.tsx';

/**
 * PNG and SVG of a chart as it is shown, through plotly's own downloadImage (an SVG rendered onto a canvas for PNG;
 * the file is handed to the browser, or Electron's save dialog, as a blob: download). Buttons rather than plotly's
 * mode-bar camera: they are in the tab order and say what they do.
 */
export function ChartDownloads({ chart, fileName, label }: { chart: RefObject<HTMLDivElement | null>; fileName: string; label: string }) {
  const [error, setError] = useState<string | null>(null);
  const save = async (format: 'png' | 'svg') => {
    setError(null);
    if (!chart.current) return;
    try {
      const Plotly = await loadPlotly();
      await Plotly.downloadImage(chart.current, { format, filename: fileName, width: null, height: null });
    } catch (failure) {
      setError(`${format.toUpperCase()} of ${label}: ${(failure as Error).message}`);
    }
  };
  return (
    <div className="chart-downloads" role="group" aria-label={`download ${label}`}>
      <button type="button" onClick={() => void save('png')} aria-label={`Download ${label} as PNG`}>PNG</button>
      <button type="button" onClick={() => void save('svg')} aria-label={`Download ${label} as SVG`}>SVG</button>
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  );
}
