import { createRoot } from 'react-dom/client';
import { Root } from './app/Root.tsx';

createRoot(document.getElementById('root') as HTMLElement).render(<Root />);
