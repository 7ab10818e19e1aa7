import { render } from 'preact';
import { WelcomePage } from '../../lib/extension/components/WelcomePage';
import '../../lib/shared/components/theme.css';
import '../../lib/extension/components/pages.css';

const root = document.getElementById('app');
if (root) render(<WelcomePage />, root);
