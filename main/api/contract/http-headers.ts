/** The header that carries `seqatlas serve`'s access token (the server and the renderer's HTTP transport read it here). */
export const TOKEN_HEADER = 'x-seqatlas-token';
