import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import 'katex/dist/katex.min.css';
import './styles/book.css';

createRoot(document.getElementById('root')!).render(<App />);

// Offline support (see public/sw.js); only in the built book, where file names are hashed.
if (import.meta.env.PROD && 'serviceWorker' in navigator && location.protocol !== 'file:') {
  addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // Offline caching is an extra; the book works without it.
    });
  });
}
