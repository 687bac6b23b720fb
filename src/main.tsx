import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import 'katex/dist/katex.min.css';

createRoot(document.getElementById('root')!).render(<App />);
