// Placeholder figures: replaced by the real widget compositions (issue 3).
export interface FigureProps { id: string }
export function WallFigure(_: FigureProps) { return <div className="figure-placeholder">wall figure</div>; }
export function FlatSharpFigure(_: FigureProps) { return <div className="figure-placeholder">flat/sharp figure</div>; }
export function PathsFigure(_: FigureProps & { loss: 'ill-conditioned' | 'rosenbrock' }) { return <div className="figure-placeholder">paths figure</div>; }
export function ParametersFigure(_: FigureProps) { return <div className="figure-placeholder">parameters figure</div>; }
export function PlaygroundFigure(_: FigureProps) { return <div className="figure-placeholder">playground figure</div>; }
