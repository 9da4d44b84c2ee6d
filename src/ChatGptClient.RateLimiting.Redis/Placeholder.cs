namespace ChatGpt.RateLimiting.Redis; internal static class Placeholder { }
