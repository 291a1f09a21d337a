namespace Aicq.StatusPage.Tests.Incidents;

public sealed class StoredTextTests
{
    [Theory]
    [InlineData("Redis\0Down", "Redis Down")]
    [InlineData("a\tb\nc\r\nd", "a b c d")]
    [InlineData("C1\u0085and\u009fDEL\u007f", "C1 and DEL")]
    [InlineData("nonchar\ufffe\uffff", "nonchar\ufffd\ufffd")]
    [InlineData("pair 😀 kept", "pair 😀 kept")]
    [InlineData("\0\0\0", "")]
    public void Line_ReplacesEveryControlAndInvalidCharacter(string input, string expected)
    {
        Assert.Equal(expected, StoredText.Line(input, 100));
    }

    [Fact]
    public void Line_ReplacesLoneSurrogates()
    {
        // Built at run time: attribute metadata cannot carry a lone surrogate.
        Assert.Equal("lone \ufffd and \ufffd", StoredText.Line("lone " + (char)0xD800 + " and " + (char)0xDFFF, 100));
    }

    [Fact]
    public void Block_KeepsTabsAndLineBreaks_AsNewlines()
    {
        Assert.Equal("one\ttwo\nthree\nfour", StoredText.Block("one\ttwo\r\nthree\rfour\0\u0007", 100));
    }

    [Fact]
    public void Bounds_NeverSplitASurrogatePair()
    {
        Assert.Equal("ab", StoredText.Line("ab😀", 3));
        Assert.Equal("ab😀", StoredText.Line("ab😀c", 4));
        Assert.Equal(4000, StoredText.Block(new string('x', 10_000), 4000).Length);
    }
}
