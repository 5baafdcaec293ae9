// The baseline for cold start: a bare express app with one JSON route, bundled and started exactly
// as the server is (esbuild bundle, `node <file>`), so the difference is what the server adds.
import express from "express";

const app = express();
app.get("/health", (_req, res) => {
  res.json({ status: "ok" });
});
app.listen(Number(process.env.PORT ?? 8080), "127.0.0.1");
