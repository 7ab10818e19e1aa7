import { render } from 'preact';
import { NoteEditor } from '../../components/NoteEditor';
import { parseFrameParams } from '../../lib/frame-params';
import { backgroundNoteStore } from '../../lib/note-port';
import '../../components/theme.css';
import '../../components/note-editor.css';

// The note editor lives in an extension-origin page embedded in the article's panel, so no script
// of the journal site can read what the reader types. Embedded in a web page, the browser may deny
// it storage of its own, so it reads and writes through the background, which owns the database.
const sighting = parseFrameParams(location.hash);
const root = document.getElementById('app');
if (root) render(<NoteEditor store={backgroundNoteStore()} sighting={sighting} />, root);
