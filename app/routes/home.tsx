import type { Route } from "./+types/home";

export function meta(): Route.MetaDescriptors {
  return [{ title: "WB Assist" }, { name: "description", content: "Помощник продавца Wildberries" }];
}

export function loader({ context }: Route.LoaderArgs) {
  return { sandbox: context.cloudflare.env.WB_SANDBOX === "1" };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  return (
    <main>
      <h1>WB Assist</h1>
      <p>Помощник продавца Wildberries: заказы, остатки, отзывы и аналитика.</p>
      {loaderData.sandbox ? <p>Работает демо-кабинет на встроенной песочнице WB.</p> : null}
    </main>
  );
}
