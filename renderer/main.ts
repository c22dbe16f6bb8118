/** Renderer entry: the global stylesheet, the bundled typefaces and the application element. */
import './styles/global.css';
import './styles/fonts.css';
import './components/lectern-app/lectern-app';

// The app restores reading positions itself; the browser's own restoration on reload would fight it.
history.scrollRestoration = 'manual';
