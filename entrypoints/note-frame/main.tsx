import { render } from 'preact';
import { NoteEditor } from '../../lib/extension/components/NoteEditor';
import { parseFrameParams } from '../../lib/shared/frame-params';
import { backgroundNoteStore } from '../../lib/extension/note-frame-store';
import '../../lib/shared/components/theme.css';
import '../../lib/extension/components/note-editor.css';

// The note editor lives in an extension-origin page embedded in the article's panel, so no script
// of the journal site can read what the reader types. Embedded in a web page, the browser may deny
// it storage of its own, so it reads and writes through the background, which owns the database.
const sighting = parseFrameParams(location.hash);
const root = document.getElementById('app');
if (root) render(<NoteEditor store={backgroundNoteStore()} sighting={sighting} />, root);
