// babel-preset-taro compiles TSX for every runtime; it does not type-check (run `npm run typecheck`).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
