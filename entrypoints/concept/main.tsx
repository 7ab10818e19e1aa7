import { render } from 'preact';
import { ConceptPage } from '../../lib/extension/components/ConceptPage';
import { getDb } from '../../lib/extension/db';
import '../../lib/shared/components/theme.css';
import '../../lib/extension/components/pages.css';

const root = document.getElementById('app');
if (root) render(<ConceptPage db={getDb()} name={decodeURIComponent(location.hash.slice(1))} />, root);
