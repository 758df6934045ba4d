extension UnicodeProperty {
    /// The property named inside `\p{…}`: a general category (short or long name, optionally
    /// written `gc=…` or `General_Category=…`) or one of a few binary properties.
    init(named name: String, negated: Bool) throws(RegexSyntaxError) {
        var name = name
        for prefix in ["General_Category=", "gc="] where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
        }
        if name.hasPrefix("Script=") || name.hasPrefix("sc=") || name.hasPrefix("Script_Extensions=")
            || name.hasPrefix("scx=")
        {
            throw RegexSyntaxError(reason: "Unicode script properties (\\p{\(name)}) are not supported")
        }
        if let categories = Self.categoriesByName[name] {
            self.init(kind: .categories(categories), isNegated: negated)
        } else if let kind = Self.binaryPropertiesByName[name] {
            self.init(kind: kind, isNegated: negated)
        } else {
            throw RegexSyntaxError(reason: "unknown or unsupported Unicode property \\p{\(name)}")
        }
    }

    private static let letters: [Unicode.GeneralCategory] = [
        .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
    ]
    private static let marks: [Unicode.GeneralCategory] = [.nonspacingMark, .spacingMark, .enclosingMark]
    private static let numbers: [Unicode.GeneralCategory] = [.decimalNumber, .letterNumber, .otherNumber]
    private static let punctuation: [Unicode.GeneralCategory] = [
        .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
        .finalPunctuation, .otherPunctuation,
    ]
    private static let symbols: [Unicode.GeneralCategory] = [
        .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
    ]
    private static let separators: [Unicode.GeneralCategory] = [.spaceSeparator, .lineSeparator, .paragraphSeparator]
    private static let others: [Unicode.GeneralCategory] = [.control, .format, .surrogate, .privateUse, .unassigned]

    private static let categoriesByName: [String: [Unicode.GeneralCategory]] = {
        let table: [([String], [Unicode.GeneralCategory])] = [
            (["L", "Letter"], letters),
            (["LC", "Cased_Letter"], [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter]),
            (["Lu", "Uppercase_Letter"], [.uppercaseLetter]), (["Ll", "Lowercase_Letter"], [.lowercaseLetter]),
            (["Lt", "Titlecase_Letter"], [.titlecaseLetter]), (["Lm", "Modifier_Letter"], [.modifierLetter]),
            (["Lo", "Other_Letter"], [.otherLetter]),
            (["M", "Mark", "Combining_Mark"], marks), (["Mn", "Nonspacing_Mark"], [.nonspacingMark]),
            (["Mc", "Spacing_Mark"], [.spacingMark]), (["Me", "Enclosing_Mark"], [.enclosingMark]),
            (["N", "Number"], numbers), (["Nd", "Decimal_Number", "digit"], [.decimalNumber]),
            (["Nl", "Letter_Number"], [.letterNumber]), (["No", "Other_Number"], [.otherNumber]),
            (["P", "Punctuation", "punct"], punctuation), (["Pc", "Connector_Punctuation"], [.connectorPunctuation]),
            (["Pd", "Dash_Punctuation"], [.dashPunctuation]), (["Ps", "Open_Punctuation"], [.openPunctuation]),
            (["Pe", "Close_Punctuation"], [.closePunctuation]), (["Pi", "Initial_Punctuation"], [.initialPunctuation]),
            (["Pf", "Final_Punctuation"], [.finalPunctuation]), (["Po", "Other_Punctuation"], [.otherPunctuation]),
            (["S", "Symbol"], symbols), (["Sm", "Math_Symbol"], [.mathSymbol]),
            (["Sc", "Currency_Symbol"], [.currencySymbol]),
            (["Sk", "Modifier_Symbol"], [.modifierSymbol]), (["So", "Other_Symbol"], [.otherSymbol]),
            (["Z", "Separator"], separators), (["Zs", "Space_Separator"], [.spaceSeparator]),
            (["Zl", "Line_Separator"], [.lineSeparator]), (["Zp", "Paragraph_Separator"], [.paragraphSeparator]),
            (["C", "Other"], others), (["Cc", "Control", "cntrl"], [.control]), (["Cf", "Format"], [.format]),
            (["Cs", "Surrogate"], [.surrogate]), (["Co", "Private_Use"], [.privateUse]),
            (["Cn", "Unassigned"], [.unassigned]),
        ]
        var byName: [String: [Unicode.GeneralCategory]] = [:]
        for (names, categories) in table { for name in names { byName[name] = categories } }
        return byName
    }()

    private static let binaryPropertiesByName: [String: Kind] = [
        "Alphabetic": .alphabetic, "Alpha": .alphabetic, "White_Space": .whiteSpace, "space": .whiteSpace,
        "Uppercase": .uppercase, "Upper": .uppercase, "Lowercase": .lowercase, "Lower": .lowercase,
        "ASCII": .ascii, "Any": .any, "Emoji": .emoji, "Hex_Digit": .hexDigit, "AHex": .asciiHexDigit,
        "ASCII_Hex_Digit": .asciiHexDigit,
    ]
}
