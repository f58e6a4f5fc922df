import { generatedYear } from './generatedYear.ts';
const [path, c, r] = process.argv.slice(2);
console.log(await generatedYear(path!, { communities: Number(c), responses: Number(r) }));
