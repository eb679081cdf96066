/**
 * Library package: entrepreneurial learning. The tags follow the competences of the European
 * EntreComp framework in the words students use about what they did.
 */
import type { LibraryEntry } from "./index.js";
import { paragraphs } from "./text.js";

export const entrepreneurship: LibraryEntry = {
  slug: "entrepreneurial-learning",
  en: {
    name: "Entrepreneurial learning",
    description:
      "For projects where students spot a need, come up with ideas and make something real for someone outside the classroom. The tags name entrepreneurial competences (after the EU's EntreComp framework) so students learn to see them in their own work.",
    content: {
      roleTitles: { leader: { en: "Teacher", sv: "Lärare" }, sender: { en: "Student", sv: "Elev" } },
      tags: [
        { name: "Took initiative", colour: "orange" },
        { name: "Left my comfort zone", colour: "red" },
        { name: "Worked with others", colour: "teal" },
        { name: "Came up with ideas", colour: "yellow" },
        { name: "Planned and organised", colour: "blue" },
        { name: "Learned from a mistake", colour: "purple" },
        { name: "Took responsibility", colour: "green" },
        { name: "Kept going", colour: "pink" },
        { name: "Met someone outside school", colour: "grey" },
      ],
      tasks: [
        {
          title: "What makes me curious?",
          instructions: paragraphs(
            "Write down three things you wonder about or would like to change: in school, at home, in your neighbourhood or in the world.",
            "Pick the one that matters most to you and explain why. Who else is affected by it?",
          ),
        },
        {
          title: "Find a real need",
          instructions: paragraphs(
            "Talk to at least two people outside your project group: a younger student, a neighbour, a relative or someone who works near the school. Ask what bothers them or what they wish was easier.",
            "Write what you heard, in their words if you can. What surprised you?",
            "Tag the loop \"Met someone outside school\" if you did.",
          ),
        },
        {
          title: "Many ideas, then one",
          instructions: paragraphs(
            "Together with your group, come up with as many ideas as you can for the need you found. Quantity first: silly ideas are welcome, they often lead to good ones.",
            "Then choose one idea to try. Write how you chose it and what you think will be the hardest part.",
          ),
        },
        {
          title: "Our plan",
          instructions: paragraphs(
            "Make a simple plan: what needs to be done, who does what, and by when. A photo of a whiteboard or a sticky-note plan is fine.",
            "What do you need that you do not have yet: materials, knowledge, permission, someone's help? How will you get it?",
          ),
        },
        {
          title: "Test with a real person",
          instructions: paragraphs(
            "Show a first version of your idea to someone it is meant for: a sketch, a model, a poster or a short demonstration is enough.",
            "What did they say or do? What will you keep, and what will you change?",
          ),
        },
        {
          title: "Something that went wrong",
          instructions: paragraphs(
            "Describe something in the project that did not go as planned. What happened?",
            "What did you learn from it, and what did you do next? Mistakes are part of the work: tag the loop \"Learned from a mistake\".",
          ),
        },
        {
          title: "Outside my comfort zone",
          instructions: paragraphs(
            "Write about a moment in the project when you did something that felt uncomfortable or new: calling someone, presenting, leading the group or trying a tool you had never used.",
            "How did it feel before, during and after? Would you do it again?",
          ),
        },
        {
          title: "Present the result",
          instructions: paragraphs(
            "Share a photo, video or text showing what your group made and who it is for.",
            "In a few sentences: what difference can it make for the people you did it for?",
          ),
        },
        {
          title: "Looking back: what I can do now",
          instructions: paragraphs(
            "Look through your loops and the tags you used. Which competences have you practised most? Which would you like to practise more?",
            "Write about one thing you can do now that you could not do before the project, and where else you could use it.",
          ),
        },
      ],
    },
  },
  sv: {
    name: "Entreprenöriellt lärande",
    description:
      "För projekt där eleverna upptäcker ett behov, hittar på idéer och gör något på riktigt för någon utanför klassrummet. Taggarna namnger entreprenöriella förmågor (efter EU:s ramverk EntreComp) så att eleverna lär sig se dem i sitt eget arbete.",
    content: {
      roleTitles: { leader: { en: "Teacher", sv: "Lärare" }, sender: { en: "Student", sv: "Elev" } },
      tags: [
        { name: "Tog initiativ", colour: "orange" },
        { name: "Lämnade min trygghetszon", colour: "red" },
        { name: "Samarbetade", colour: "teal" },
        { name: "Kom på idéer", colour: "yellow" },
        { name: "Planerade och organiserade", colour: "blue" },
        { name: "Lärde mig av ett misstag", colour: "purple" },
        { name: "Tog ansvar", colour: "green" },
        { name: "Gav inte upp", colour: "pink" },
        { name: "Mötte någon utanför skolan", colour: "grey" },
      ],
      tasks: [
        {
          title: "Vad gör mig nyfiken?",
          instructions: paragraphs(
            "Skriv ner tre saker som du undrar över eller skulle vilja förändra: i skolan, hemma, där du bor eller i världen.",
            "Välj den som betyder mest för dig och förklara varför. Vilka fler berörs av den?",
          ),
        },
        {
          title: "Hitta ett verkligt behov",
          instructions: paragraphs(
            "Prata med minst två personer utanför projektgruppen: en yngre elev, en granne, en släkting eller någon som arbetar nära skolan. Fråga vad som stör dem eller vad de önskar vore enklare.",
            "Skriv vad du fick höra, gärna med deras egna ord. Vad överraskade dig?",
            "Tagga loopen \"Mötte någon utanför skolan\" om du gjorde det.",
          ),
        },
        {
          title: "Många idéer, sedan en",
          instructions: paragraphs(
            "Kom tillsammans med gruppen på så många idéer som möjligt för behovet ni hittade. Mängden först: tokiga idéer är välkomna, de leder ofta till bra.",
            "Välj sedan en idé att pröva. Skriv hur ni valde och vad du tror blir svårast.",
          ),
        },
        {
          title: "Vår plan",
          instructions: paragraphs(
            "Gör en enkel plan: vad som ska göras, vem som gör vad och när det ska vara klart. Ett foto av en whiteboard eller en plan på post-it-lappar går bra.",
            "Vad behöver ni som ni inte har än: material, kunskap, tillstånd, hjälp från någon? Hur ska ni få tag på det?",
          ),
        },
        {
          title: "Testa med en riktig person",
          instructions: paragraphs(
            "Visa en första version av er idé för någon som den är tänkt för: en skiss, en modell, en affisch eller en kort demonstration räcker.",
            "Vad sa eller gjorde personen? Vad behåller ni och vad ändrar ni?",
          ),
        },
        {
          title: "Något som gick fel",
          instructions: paragraphs(
            "Beskriv något i projektet som inte blev som ni hade tänkt. Vad hände?",
            "Vad lärde du dig av det och vad gjorde ni sedan? Misstag hör till arbetet: tagga loopen \"Lärde mig av ett misstag\".",
          ),
        },
        {
          title: "Utanför min trygghetszon",
          instructions: paragraphs(
            "Skriv om ett tillfälle i projektet när du gjorde något som kändes obekvämt eller nytt: ringde någon, presenterade, ledde gruppen eller använde ett verktyg du aldrig använt.",
            "Hur kändes det före, under och efter? Skulle du göra det igen?",
          ),
        },
        {
          title: "Visa resultatet",
          instructions: paragraphs(
            "Dela ett foto, en film eller en text som visar vad gruppen har gjort och vem det är till för.",
            "Skriv med några meningar: vilken skillnad kan det göra för dem ni gjorde det för?",
          ),
        },
        {
          title: "Tillbakablick: det här kan jag nu",
          instructions: paragraphs(
            "Titta igenom dina loopar och taggarna du har använt. Vilka förmågor har du tränat mest? Vilka vill du träna mer?",
            "Skriv om en sak du kan nu som du inte kunde före projektet, och var du skulle kunna använda den igen.",
          ),
        },
      ],
    },
  },
};
