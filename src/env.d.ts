declare namespace App {
  interface Locals {
    page?: import('./lib/page-context.ts').PageContext;
  }
}
