// The part of autocannon's API the watch bench uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
  }
  interface Result {
    requests: { average: number; total: number };
    errors: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
