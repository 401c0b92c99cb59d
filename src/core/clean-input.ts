// Control characters at the edges: stripped where text enters Quorum, made visible where it leaves for a terminal.
import { QuorumError } from "./errors.ts";

/**
 * C0 controls except tab and line feed, DEL, and the C1 block. ESC starts terminal escape sequences
 * (and C1's CSI does the same on some terminals), BEL rings, backspace and CR overwrite what was shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** An escape sequence as a whole (CSI, OSC ended by BEL or ST, or a two-character escape), so no fragment is kept. */
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b\n]*(?:\u0007|\u001b\\)?|[@-_])|\u009b[0-?]*[ -/]*[@-~]/g;

/**
 * Cleans text typed or sent to Quorum before anything parses or stores it: line endings become "\n",
 * escape sequences and other control characters are dropped, tabs and line breaks stay (answers are
 * multi-line). A NUL byte is refused rather than dropped: it means the text is not what the sender
 * thinks it is, and PostgreSQL cannot store it.
 */
export function cleanInput(text: string): string {
  if (text.includes("\u0000")) {
    throw new QuorumError(
      "bad_argument",
      "Your message contains a NUL character (an invisible zero byte), which Quorum can't store. Nothing was changed: retype the message without it and send it again.",
    );
  }
  return stripControls(text);
}

/** As cleanInput, but for documents (FAQ imports): a NUL is dropped with the rest instead of refusing the file. */
export function stripControls(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(ESCAPE_SEQUENCE, "").replace(CONTROLS, "");
}

/**
 * For text printed to a terminal, including data stored before input was cleaned: every control
 * character but tab and line feed becomes a visible stand-in (ESC shows as ␛), so nothing can move the
 * cursor, retitle the window or clear the screen.
 */
export function neutraliseControls(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(CONTROLS, visible);
}

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // Unicode control pictures: ␀ … ␟
  if (code === 0x7f) return "\u2421"; // ␡
  return "\ufffd"; // C1 has no pictures
}
