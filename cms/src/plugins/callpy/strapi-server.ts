// Entry point Strapi's plugin loader looks for (compiled to strapi-server.js).
import { createCallpyServer } from './server';

export default createCallpyServer;
