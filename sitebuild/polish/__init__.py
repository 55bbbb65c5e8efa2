"""Page polish: numbered formulas and figures, MathML and its font, lighter
code, the dark palette without JavaScript, glossary terms a keyboard reaches."""
