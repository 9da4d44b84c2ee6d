namespace ChatGpt.Testing.Tests.Infrastructure;

/// <summary>The two ways to host the emulator; wire tests run against both.</summary>
public enum EmulatorHosting
{
    InMemory,
    Kestrel,
}
