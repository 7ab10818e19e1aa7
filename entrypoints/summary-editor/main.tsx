import { render } from 'preact';
import { SummaryEditor } from '../../lib/extension/components/summary-editor/SummaryEditor';
import { getDb } from '../../lib/extension/db';
import '../../lib/shared/components/theme.css';
import '../../lib/extension/components/pages.css';
import '../../lib/extension/components/summary-editor/summary-editor.css';

const root = document.getElementById('app');
// The paper travels in the fragment (lib/shared/editor-params.ts); a new one reloads the editor.
if (root) render(<SummaryEditor db={getDb()} hash={location.hash} />, root);
window.addEventListener('hashchange', () => location.reload());
