import { type RouteConfig, index, route } from "@react-router/dev/routes";

// The URL carries the cabinet: /c/<cabinetId>/<page>. Sign-in pages and resource routes sit outside.
export default [
  index("routes/home.tsx"),
  route("login", "routes/login.tsx"),
  route("login/:token", "routes/login-link.tsx"),
  route("auth/telegram", "routes/auth-telegram.ts"),
  route("logout", "routes/logout.ts"),
  route("c/:cabinetId", "routes/cabinet.tsx", [
    index("routes/cabinet.overview.tsx"),
    route("orders", "routes/cabinet.orders.tsx"),
    route("orders.csv", "routes/cabinet.orders-csv.ts"),
    route("stocks", "routes/cabinet.stocks.tsx"),
    route("reviews", "routes/cabinet.reviews.tsx"),
    route("analytics", "routes/cabinet.analytics.tsx"),
    route("assistant", "routes/cabinet.assistant.tsx"),
    route("assistant/chat", "routes/cabinet.assistant-chat.ts"),
    route("sync", "routes/cabinet.sync.tsx"),
    route("settings", "routes/cabinet.settings.tsx"),
  ]),
] satisfies RouteConfig;
