import { OPEN_FILE_MAX_BYTES, type TOpenFile } from '@benxi/shared';
import type { OpenPrincipal } from '../../platform/access';
import { AppError } from '../../platform/errors';
import type { FileService } from '../files/service';

/**
 * A file that came inside a JSON body (SPEC §13: `{ name, contentBase64 }`, e.g. 保函文件 `letter`,
 * 凭证 `voucher`): decoded, checked like an upload (PDF/JPG/PNG by its content, scripts refused; at most
 * 20 MB: 400/413/415 in Chinese), stored through the files module as the client organisation's file,
 * and its id returned for the command to `attach(tx, …)` as it would a portal upload.
 *
 * Read it in the route, before the command: a command that then fails leaves an unattached file,
 * which the daily clean-up removes like an abandoned upload.
 */
export async function readOpenFile(
  ctx: { files: Pick<FileService, 'storeFromClient'> },
  file: TOpenFile,
  client: OpenPrincipal,
  opts: { label?: string; ip?: string | null } = {},
): Promise<string> {
  const label = opts.label ?? '文件';
  const text = file.contentBase64.replace(/[\r\n]/g, '');
  // the decoded size, known before decoding: refuse an oversized file without allocating it
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const size = Math.floor((text.length * 3) / 4) - padding;
  if (size > OPEN_FILE_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', `${label}超过20MB，请压缩后再发送`);
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new AppError('VALIDATION_FAILED', `${label}的文件内容（contentBase64）不是有效的 Base64`);
  }
  const content = Buffer.from(text, 'base64');
  if (content.length === 0) throw new AppError('BAD_REQUEST', `${label}的文件内容为空`);
  try {
    const row = await ctx.files.storeFromClient({ clientId: client.clientId, orgId: client.orgId }, content, file.name, {
      id: null,
      phone: null,
      role: client.role,
      ip: opts.ip ?? null,
      client: client.appId,
    });
    return row.id;
  } catch (err) {
    // the upload's own messages ("只能上传 PDF、JPG 或 PNG 文件…"), saying which file of the body
    if (err instanceof AppError && err.status < 500) throw new AppError(err.code, `${label}：${err.message}`, err.details);
    throw err;
  }
}
