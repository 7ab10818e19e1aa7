import { render } from 'preact';
import { NoteEditor } from '../../components/NoteEditor';
import { getDb } from '../../lib/db';
import { parseFrameParams } from '../../lib/frame-params';
import '../../components/theme.css';
import '../../components/note-editor.css';

// The note editor lives in an extension-origin page embedded in the article's panel, so no script
// of the journal site can read what the reader types.
const sighting = parseFrameParams(location.hash);
const root = document.getElementById('app');
if (root) render(<NoteEditor db={getDb()} sighting={sighting} />, root);
