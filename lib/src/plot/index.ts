export { contourFigure, decadeTicks, heatmapFigure, histogramFigure, lineFigure, linspace, logspace, scatterFigure, smallMultiples } from "./builders";
export type { AxesOptions, ContourOptions, Series } from "./builders";
export { validateFigure, type Figure, type Layout, type Plot } from "./figure";
export { figureBundle, figureHtml, figurePage, figureText, NO_SCRIPT_MESSAGE, PLOTLY_MIME, plotlyLoader, plotlySource, scriptSafeJson } from "./html";
export { livePlot, show, showMode, type ShowMode } from "./show";
