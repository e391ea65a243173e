import CFB from 'cfb';
import { fileTypeFromBuffer } from 'file-type';
import { HttpError } from '../../../core/src/index.js';
import { CHAT_LIMITS } from '../shared/chat.protocol.js';
import { checkImagePixels } from './attachments.pixels.js';

/** What a file is, decided by its bytes; `label` names it in refusals ("a PDF document"). */
const KINDS = {
  jpeg: { mime: 'image/jpeg', label: 'a JPEG image' },
  png: { mime: 'image/png', label: 'a PNG image' },
  gif: { mime: 'image/gif', label: 'a GIF image' },
  bmp: { mime: 'image/bmp', label: 'a BMP image' },
  psd: { mime: 'image/vnd.adobe.photoshop', label: 'a Photoshop document' },
  pdf: { mime: 'application/pdf', label: 'a PDF document' },
  txt: { mime: 'text/plain', label: 'a text file' },
  doc: { mime: 'application/msword', label: 'a Word 97–2003 document' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'a Word document' },
  xls: { mime: 'application/vnd.ms-excel', label: 'an Excel 97–2003 workbook' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'an Excel workbook' },
  zip: { mime: 'application/zip', label: 'a ZIP archive' },
  rar: { mime: 'application/vnd.rar', label: 'a RAR archive' },
  wav: { mime: 'audio/wav', label: 'a WAV sound' },
  webm: { mime: 'video/webm', label: 'a WebM video' },
} as const;
type Kind = keyof typeof KINDS;

type AllowedExtension = (typeof CHAT_LIMITS.fileExtensions)[number];

/** Each allowed extension (the contract's list) names one kind; the compiler checks none is missing. */
const KIND_OF_EXTENSION: Record<AllowedExtension, Kind> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  gif: 'gif',
  bmp: 'bmp',
  psd: 'psd',
  pdf: 'pdf',
  txt: 'txt',
  doc: 'doc',
  docx: 'docx',
  xls: 'xls',
  xlsx: 'xlsx',
  zip: 'zip',
  rar: 'rar',
  wav: 'wav',
  webm: 'webm',
};

/** file-type's answers that are one of our kinds; an OLE container (`cfb`) is looked into below. */
const KIND_OF_DETECTED: Partial<Record<string, Kind>> = {
  jpg: 'jpeg',
  png: 'png',
  apng: 'png',
  gif: 'gif',
  bmp: 'bmp',
  psd: 'psd',
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  zip: 'zip',
  rar: 'rar',
  wav: 'wav',
  webm: 'webm',
};

/** The images a browser shows inline (and the widget previews). */
const IMAGE_MIMES: ReadonlySet<string> = new Set([KINDS.jpeg.mime, KINDS.png.mime, KINDS.gif.mime, KINDS.bmp.mime]);
export const isImageMime = (mime: string) => IMAGE_MIMES.has(mime);

/** The longest file name kept; longer ones are cut before the extension. */
const NAME_LENGTH = 120;

export interface CheckedFile {
  /** The uploader's name, cleaned, with an extension that agrees with the content. */
  name: string;
  mime: string;
}

const refuse = (message: string) => new HttpError(400, 'file_type', message);
const notAllowed = () => refuse(`Files of this type cannot be sent; allowed: ${CHAT_LIMITS.fileExtensions.join(', ')}`);

/**
 * Decides what the file is from its bytes (magic numbers, not the name or the browser's
 * Content-Type), refuses what is not allowed or is named as something else, and returns the name to
 * store. SVG and HTML have no place in the list: they would run script where they are opened.
 */
export async function checkFileContent(bytes: Buffer, originalName: string): Promise<CheckedFile> {
  if (!bytes.length) throw new HttpError(400, 'file_missing', 'The file is empty');
  const { base, extension } = splitName(originalName);
  const lower = extension?.toLowerCase();
  const claimed = lower && lower in KIND_OF_EXTENSION ? KIND_OF_EXTENSION[lower as AllowedExtension] : undefined;
  const detected = await detectKind(bytes, claimed);
  if (!detected) throw claimed ? refuse(`This file is not ${KINDS[claimed].label}`) : notAllowed();
  if (claimed && claimed !== detected) throw refuse(`This file is ${KINDS[detected].label}, not ${KINDS[claimed].label}`);
  if (isImageMime(KINDS[detected].mime)) checkImagePixels(bytes);
  // No extension, or one we do not know ("scan", "photo.heic"): the content's own is added.
  const name = claimed ? `${base}.${lower}` : `${base}${extension ? `.${extension}` : ''}.${canonicalExtension(detected)}`;
  return { name: shorten(name), mime: KINDS[detected].mime };
}

async function detectKind(bytes: Buffer, claimed: Kind | undefined): Promise<Kind | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  if (found?.ext === 'cfb') return officeKindOf(bytes);
  if (found) return KIND_OF_DETECTED[found.ext];
  // Plain text has no magic number: only a file named .txt, valid UTF-8, without NUL bytes.
  return claimed === 'txt' && isPlainText(bytes) ? 'txt' : undefined;
}

/**
 * .doc and .xls are OLE compound files, as are installers (.msi) and Outlook messages: the
 * container's streams say which — Word keeps `WordDocument`, Excel `Workbook` (or `Book` before 97).
 */
function officeKindOf(bytes: Buffer): Kind | undefined {
  try {
    const container = CFB.read(bytes, { type: 'buffer' });
    if (CFB.find(container, 'WordDocument')) return 'doc';
    if (CFB.find(container, 'Workbook') ?? CFB.find(container, 'Book')) return 'xls';
  } catch {
    // A damaged container is not a document we pass on.
  }
  return undefined;
}

function isPlainText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const canonicalExtension = (kind: Kind) => Object.entries(KIND_OF_EXTENSION).find(([, k]) => k === kind)![0];

/**
 * The last path segment without control and invisible formatting characters (a right-to-left
 * override can make "gpj.exe" look like "exe.jpg"), split at its last dot.
 */
function splitName(originalName: string): { base: string; extension: string | undefined } {
  const cleaned = originalName
    .normalize('NFC')
    .split(/[/\\]/)
    .pop()!
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  if (dot <= 0) return { base: cleaned || 'file', extension: undefined };
  return { base: cleaned.slice(0, dot).trim() || 'file', extension: cleaned.slice(dot + 1) || undefined };
}

function shorten(name: string): string {
  const chars = [...name];
  if (chars.length <= NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = [...name.slice(dot)];
  return chars.slice(0, NAME_LENGTH - extension.length).join('').trim() + extension.join('');
}
