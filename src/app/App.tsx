export function App() {
  return (
    <main>
      <h1>The Bayesian Learning Rule</h1>
      <p>An explorable book. Chapters are on their way.</p>
    </main>
  );
}
